// npm run create-admin -- email@example.org "Full Name"
// Creates (or resets) an admin account; the password is read from ADMIN_PASSWORD or asked on the terminal.
import { createInterface } from 'node:readline/promises';
import { migrate, openDatabase } from '../../db/index.ts';
import { createAuthService } from '../../modules/auth/index.ts';
import { systemClock } from '../../shared/clock.ts';
import { loadConfig } from '../config.ts';

const [email, ...nameParts] = process.argv.slice(2);
if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
  console.error('Usage : npm run create-admin -- adresse@exemple.fr "Prénom Nom"   (mot de passe : ADMIN_PASSWORD ou saisi)');
  process.exit(2);
}
let password = process.env.ADMIN_PASSWORD;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('Mot de passe (8 caractères au moins) : ');
  rl.close();
}
if (!password || password.length < 8) {
  console.error('Le mot de passe doit contenir au moins 8 caractères.');
  process.exit(2);
}
const config = loadConfig({ ...process.env, SEED_DEMO: 'false', ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined });
const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pgdata`,
  onBackgroundError: (err) => console.error(err),
  warn: (msg) => console.warn(msg),
});
try {
  await migrate(db);
  const auth = createAuthService({ db, clock: systemClock, sessionDays: config.sessionDays, throttle: config.throttle });
  await auth.ensureAccount({ name: nameParts.join(' ') || 'Administrateur', email, password, role: 'admin' });
  console.log(`Compte administrateur prêt : ${email}`);
} finally {
  await db.close();
}
