export { createAuthService, type AuthService } from './service.ts';
export { authRoutes } from './routes.ts';
export { authenticate, requireRole, requireUser, requireStaff, requireAdmin, userOf, readSessionToken } from './middleware.ts';
export type { SessionUser } from './sessions.ts';
export { deleteUserSessions, deleteExpiredSessions } from './sessions.ts';
export { type Role, ROLES, type PublicUser } from './users-repo.ts';
export { adminUserRoutes } from './admin-routes.ts';
