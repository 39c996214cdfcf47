export { createAccountData, personEraser, type AccountData } from './service.ts';
export { accountDataRoutes } from './routes.ts';
