export { createStockAlerts, stockAlertsExportFor, type StockAlerts } from './service.ts';
export { stockAlertRoutes } from './routes.ts';
