export { catalogRoutes } from './routes.ts';
export { changeStock, changeStockMany, type StockChange, type StockListener, type StockReason } from './stock.ts';
export { insertProduct, findOnSaleProduct, productsByIds, type Product, type NewProduct } from './queries.ts';
export { adminProductRoutes, uploadedImageRoutes } from './admin.ts';
export { upsertCategory, countCategories, countProductsForSale, type AdminCategory } from './categories.ts';
export { adminCategoryRoutes } from './category-routes.ts';
