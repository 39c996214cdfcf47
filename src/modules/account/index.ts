export { createAccountData, personPattern, type AccountData } from './service.ts';
export { accountDataRoutes } from './routes.ts';
