import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@maestro/settings-schema';
import { createServices } from '../app/services';
import { secretBoxFor } from '../app/bootstrap';
import { createLogger } from '../common/logger';
import { UserFacingError } from '../common/user-facing-error';
import { loadConfig } from '../config/env';
import { openDatabase } from '../db/data-source';

const USAGE = `Maestro Messaging operator CLI

  npm run maestro -- company:create --name "Yritys Oy"
  npm run maestro -- company:list
  npm run maestro -- user:create --company "Yritys Oy" --username matti --password '…' [--role ADMIN|USER] [--display-name "Matti V"]
  npm run maestro -- service-key:create --company "Yritys Oy" --name "Myynti" --module sales [--user <username>]

The database is the one the API uses (DATABASE_URL, else the SQLite file under MAESTRO_DATA_DIR).`;

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new Error(`--${name} is required.\n\n${USAGE}`);
  return value;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      company: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', default: 'USER' },
      'display-name': { type: 'string' },
      module: { type: 'string' },
      user: { type: 'string' },
    },
    strict: true,
  });
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  const db = await openDatabase(config.database);
  const services = createServices({ db, box: secretBoxFor(config), config, log: createLogger('warn') });
  try {
    const company = async () => {
      const found = await services.companies.findByIdOrName(required(values, 'company'));
      if (!found) throw new Error(`No company "${values.company}". List them with: npm run maestro -- company:list`);
      return found;
    };
    switch (command) {
      case 'company:create': {
        const created = await services.companies.create(required(values, 'name'));
        console.log(JSON.stringify({ id: created.id, name: created.name }));
        return 0;
      }
      case 'company:list': {
        const { CompanyEntity } = await import('../modules/companies/company.entity');
        for (const c of await db.getRepository(CompanyEntity).find({ order: { name: 'ASC' } })) console.log(`${c.id}  ${c.name}`);
        return 0;
      }
      case 'user:create': {
        const role = String(values.role).toUpperCase();
        if (!(ROLES as readonly string[]).includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}.`);
        const user = await services.users.create((await company()).id, {
          username: required(values, 'username'),
          password: required(values, 'password'),
          displayName: typeof values['display-name'] === 'string' ? values['display-name'] : undefined,
          role: role as Role,
        });
        console.log(JSON.stringify({ id: user.id, username: user.username, role: user.role, companyId: user.companyId }));
        return 0;
      }
      case 'service-key:create': {
        const target = await company();
        let defaultUserId: string | null = null;
        if (typeof values.user === 'string') {
          const users = await services.users.list(target.id);
          const user = users.find((u) => u.username === values.user || u.id === values.user);
          if (!user) throw new Error(`No user "${values.user}" in ${target.name}.`);
          defaultUserId = user.id;
        }
        const { entity, key } = await services.serviceKeys.create(target.id, { name: required(values, 'name'), module: required(values, 'module'), defaultUserId });
        console.log(JSON.stringify({ id: entity.id, key, note: 'The key is shown only this once.' }));
        return 0;
      }
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 1;
    }
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UserFacingError) {
      const fields = (err.extensions.fields as Array<{ field: string; message: { en: string } }> | undefined) ?? [];
      console.error(err.text.en + fields.map((f) => `\n  ${f.field}: ${f.message.en}`).join(''));
    } else {
      console.error(err instanceof Error ? err.message : err);
    }
    process.exit(1);
  },
);
