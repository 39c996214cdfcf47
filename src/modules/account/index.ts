export { createAccountData, type AccountData } from './service.ts';
export { accountDataRoutes } from './routes.ts';
