import '../shared/base.css';
import { startConsolePage } from '../shared/console-page.ts';

startConsolePage({
  path: '/staff',
  allowed: ['staff', 'admin'],
  docTitle: 'console.staffDoc',
  title: 'console.staffTitle',
  soonText: 'console.soonText',
  forbiddenTitle: 'console.forbiddenTitle',
  forbiddenText: 'console.forbiddenStaff',
});
