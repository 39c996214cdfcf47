export { catalogRoutes } from './routes.ts';
export { changeStock, changeStockMany, currentStock, type StockChange, type StockListener, type StockReason } from './stock.ts';
export { insertProduct, upsertCategory, findOnSaleProduct, type Product, type NewProduct } from './queries.ts';
export { adminProductRoutes, uploadedImageRoutes } from './admin.ts';
