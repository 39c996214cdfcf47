import '../shared/base.css';
import { startConsolePage } from '../shared/console-page.ts';

startConsolePage({
  path: '/admin',
  allowed: ['admin'],
  docTitle: 'console.adminDoc',
  title: 'console.adminTitle',
  soonText: 'console.adminSoonText',
  forbiddenTitle: 'console.forbiddenAdminTitle',
  forbiddenText: 'console.forbiddenAdmin',
});
