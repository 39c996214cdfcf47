// npm run create-admin -- email@example.org "Full Name"
// Creates (or resets) an admin account. The password comes from ADMIN_PASSWORD, from a
// pipe (echo … | npm run create-admin -- …) or is asked twice on the terminal, never echoed.
// Needs only the database (DATABASE_URL, or DATA_DIR with the shop stopped).
import { migrate } from '../../db/index.ts';
import { createAuthService } from '../../modules/auth/index.ts';
import { systemClock } from '../../shared/clock.ts';
import { databaseConfig, OperatorError, openOperatorDatabase, runOperatorCommand } from './operator.ts';
import { readNewPassword } from './password-prompt.ts';

const USAGE = 'Usage : npm run create-admin -- adresse@exemple.fr "Prénom Nom"   (mot de passe : saisi, envoyé sur l’entrée standard ou ADMIN_PASSWORD)';

runOperatorCommand(async () => {
  const [email, ...nameParts] = process.argv.slice(2);
  if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new OperatorError(USAGE);
  const config = databaseConfig();
  const { password, mismatch } = await readNewPassword();
  if (mismatch) throw new OperatorError('Les deux mots de passe saisis diffèrent : aucun compte modifié.');
  if (password.length < 8) throw new OperatorError('Le mot de passe doit contenir au moins 8 caractères : aucun compte modifié.');
  const db = await openOperatorDatabase(config);
  try {
    await migrate(db);
    // The throttle settings do not matter here: this service only writes the account.
    const auth = createAuthService({
      db,
      clock: systemClock,
      sessionDays: 30,
      throttle: { perAddress: 30, perAccountAddress: 5, perAccount: 100, windowSeconds: 900, maxDelaySeconds: 60 },
    });
    await auth.ensureAccount({ name: nameParts.join(' ') || 'Administrateur', email, password, role: 'admin' });
    console.log(`Compte administrateur prêt : ${email}`);
  } finally {
    await db.close();
  }
});
