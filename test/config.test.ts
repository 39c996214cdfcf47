import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, loadDatabaseConfig, parseTrustProxy, productionWarnings } from '../src/server/config.ts';

const base = { DATA_DIR: '/tmp/ps-config' };

/** What zod says on its own, in English: none of it may reach the operator. */
const ZOD_ENGLISH = /Invalid|Expected|expected|Too small|Too big|Required|must be|received|Unrecognized/;

function refusal(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env });
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail(`expected ${JSON.stringify(env)} to be refused`);
}

// Each bad value → the message names the variable, is French, carries no zod English.
const badValues: Array<[string, Record<string, string>]> = [
  ['NODE_ENV', { NODE_ENV: 'prod' }],
  ['PORT', { PORT: 'eighty' }],
  ['PORT', { PORT: '70000' }],
  ['HOST', { HOST: 'my host' }],
  ['DATABASE_URL', { DATABASE_URL: 'mysql://u:pw@db/shop' }],
  ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
  ['DB_POOL_SIZE', { DB_POOL_SIZE: '0' }],
  ['DB_CONNECT_TIMEOUT_SECONDS', { DB_CONNECT_TIMEOUT_SECONDS: 'thirty' }],
  ['ADMIN_EMAIL', { ADMIN_EMAIL: 'admin', ADMIN_PASSWORD: 'motdepasse-admin' }],
  ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'admin@asso.fr', ADMIN_PASSWORD: 'court' }],
  ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'admin@asso.fr' }],
  ['ADMIN_EMAIL', { ADMIN_PASSWORD: 'motdepasse-admin' }],
  ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
  ['SEED_DEMO_SLOTS', { SEED_DEMO_SLOTS: 'peut-être' }],
  ['PAYMENT_PROVIDER', { PAYMENT_PROVIDER: 'paypal' }],
  ['ALLOW_DEMO_PAYMENTS', { ALLOW_DEMO_PAYMENTS: 'oui' }],
  ['STRIPE_SECRET_KEY', { STRIPE_SECRET_KEY: 'pk_live_123' }],
  ['STRIPE_WEBHOOK_SECRET', { STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec 1' }],
  ['STRIPE_API_URL', { STRIPE_API_URL: 'stripe' }],
  ['RESERVATION_MINUTES', { RESERVATION_MINUTES: '0' }],
  ['PUBLIC_URL', { PUBLIC_URL: 'panier.example.org' }],
  ['PUBLIC_URL', { NODE_ENV: 'production', ALLOW_DEMO_PAYMENTS: 'true' }],
  ['STRIPE_SECRET_KEY', { NODE_ENV: 'production', PUBLIC_URL: 'https://panier.example.org' }],
  ['SMTP_URL', { SMTP_URL: 'nonsense' }],
  ['SMTP_URL', { SMTP_URL: 'http://mail.example.org' }],
  ['MAIL_FROM', { MAIL_FROM: 'Panier Solidaire' }],
  ['OIDC_ISSUER', { OIDC_ISSUER: 'login', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 'secret' }],
  ['OIDC_CLIENT_SECRET', { OIDC_ISSUER: 'https://login.example.org', OIDC_CLIENT_ID: 'id' }],
  ['SESSION_DAYS', { SESSION_DAYS: '1.5' }],
  ['SESSION_RECHECK_SECONDS', { SESSION_RECHECK_SECONDS: '0' }],
  ['SWEEP_INTERVAL_SECONDS', { SWEEP_INTERVAL_SECONDS: 'often' }],
  ['STAFF_REMINDER_SECONDS', { STAFF_REMINDER_SECONDS: '3601' }],
  ['STAFF_REMINDER_SECONDS', { STAFF_REMINDER_SECONDS: 'souvent' }],
  ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
  ['TRUST_PROXY', { TRUST_PROXY: 'banana' }],
  ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }],
  ['TRUST_PROXY', { TRUST_PROXY: 'loopback, 300.1.1.1' }],
];

describe('configuration errors', () => {
  for (const [variable, env] of badValues) {
    test(`when ${JSON.stringify(env)}, then the start is refused in French naming ${variable}`, () => {
      const message = refusal(env);
      assert.match(message, new RegExp(`\\b${variable}\\b`));
      assert.match(message, /^Configuration invalide :/);
      assert.match(message, /Corrigez/);
      assert.doesNotMatch(message, ZOD_ENGLISH);
    });
  }

  test('when several values are wrong, then each is named in one message', () => {
    const message = refusal({ PORT: 'x', LOG_LEVEL: 'loud', NODE_ENV: 'prod' });
    for (const name of ['PORT', 'LOG_LEVEL', 'NODE_ENV']) assert.match(message, new RegExp(name));
  });

  test('when a refused value holds a password, then the message does not print it', () => {
    for (const env of <Array<Record<string, string>>>[
      { DATABASE_URL: 'mysql://shop:s3cret-pw@db/shop' },
      { SMTP_URL: 'http://mailer:s3cret-pw@mail.example.org' },
      { SMTP_URL: 'mailer:s3cret-pw@mail.example.org' },
      { ADMIN_EMAIL: 'a@asso.fr', ADMIN_PASSWORD: 's3cret' },
      { STRIPE_SECRET_KEY: 's3cret-pw' },
    ]) {
      assert.doesNotMatch(refusal(env), /s3cret/);
    }
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: the test name quotes compose's literal ${VAR:-} syntax.
  test('when a variable is empty, as compose passes ${VAR:-}, then it counts as unset', () => {
    const empty = Object.fromEntries(
      [
        'ADMIN_EMAIL',
        'ADMIN_PASSWORD',
        'MAIL_FROM',
        'SMTP_URL',
        'TRUST_PROXY',
        'PORT',
        'OIDC_ISSUER',
        'OIDC_CLIENT_ID',
        'OIDC_CLIENT_SECRET',
        'LOG_LEVEL',
        'NODE_ENV',
        'DATABASE_URL',
        'PUBLIC_URL',
        'SEED_DEMO',
      ].map((n) => [n, '']),
    );
    const config = loadConfig({ ...base, ...empty });
    assert.equal(config.admin, undefined);
    assert.equal(config.mailFrom, 'Panier Solidaire <no-reply@panier-solidaire.local>');
    assert.equal(config.smtpUrl, undefined);
    assert.equal(config.trustProxy, false);
    assert.equal(config.port, 3000);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.nodeEnv, 'development');
    assert.equal(config.oidc, undefined);
    assert.equal(config.dbConnectTimeoutSeconds, 30);
  });

  test('when TRUST_PROXY is what Express accepts, then it is typed as Express needs it', () => {
    assert.equal(parseTrustProxy('1'), 1);
    assert.equal(parseTrustProxy('0'), 0);
    assert.equal(parseTrustProxy('true'), true);
    assert.equal(parseTrustProxy('false'), false);
    assert.deepEqual(parseTrustProxy('loopback'), ['loopback']);
    assert.deepEqual(parseTrustProxy('loopback, linklocal,uniquelocal'), ['loopback', 'linklocal', 'uniquelocal']);
    assert.deepEqual(parseTrustProxy('10.0.0.1,172.16.0.0/12,::1,fd00::/8,192.168.0.0/255.255.0.0'), [
      '10.0.0.1',
      '172.16.0.0/12',
      '::1',
      'fd00::/8',
      '192.168.0.0/255.255.0.0',
    ]);
    assert.equal(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy, 1);
  });

  test('when PUBLIC_URL is https, then cookies are Secure and demo data stays off unless asked (and never its accounts)', () => {
    const https = loadConfig({ ...base, PUBLIC_URL: 'https://panier.example.org/' });
    assert.equal(https.secureCookies, true);
    assert.equal(https.seedDemo, false);
    assert.equal(https.demoAccounts, false);
    assert.equal(https.publicUrl, 'https://panier.example.org');
    const asked = loadConfig({ ...base, PUBLIC_URL: 'https://panier.example.org', SEED_DEMO: 'true' });
    assert.equal(asked.seedDemo, true);
    assert.equal(asked.demoAccounts, false);
    const local = loadConfig({ ...base });
    assert.equal(local.secureCookies, false);
    assert.equal(local.seedDemo, true);
    assert.equal(local.demoAccounts, true);
  });

  test('when production runs with demo payments or without SMTP, then each gives a warning; a real setup none', () => {
    const trial = loadConfig({ ...base, NODE_ENV: 'production', PUBLIC_URL: 'https://p.example.org', ALLOW_DEMO_PAYMENTS: 'true' });
    const warnings = productionWarnings(trial);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!.operator, /ALLOW_DEMO_PAYMENTS/);
    assert.match(warnings[1]!.operator, /SMTP_URL/);
    const real = loadConfig({
      ...base,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://p.example.org',
      STRIPE_SECRET_KEY: 'sk_live_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      SMTP_URL: 'smtps://u:p@mail.example.org:465',
    });
    assert.deepEqual(productionWarnings(real), []);
    assert.deepEqual(productionWarnings(loadConfig({ ...base })), []);
  });
});

describe('database-only configuration (operator commands)', () => {
  test('when only the database is configured in production, then it loads; a bad DATABASE_URL is refused in French', () => {
    const db = loadDatabaseConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/shop', DATA_DIR: '/tmp/ps-config', PUBLIC_URL: '' });
    assert.equal(db.databaseUrl, 'postgres://u:p@db/shop');
    assert.equal(db.dbConnectTimeoutSeconds, 30);
    assert.throws(
      () => loadDatabaseConfig({ DATABASE_URL: 'mysql://u:p@db/shop' }),
      (err: Error) => /DATABASE_URL/.test(err.message) && !ZOD_ENGLISH.test(err.message),
    );
  });
});
