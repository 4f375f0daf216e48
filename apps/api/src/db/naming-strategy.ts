import { DefaultNamingStrategy } from 'typeorm';

/**
 * Like TypeORM's default, but an embedded column keeps its camelCase: `smtpAuthEnabled`, not
 * `smtpAuthenabled`, so the database reads like the domain.
 */
export class MaestroNamingStrategy extends DefaultNamingStrategy {
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    const name = customName || propertyName;
    if (embeddedPrefixes.length === 0) return name;
    return embeddedPrefixes.join('') + name.charAt(0).toUpperCase() + name.slice(1);
  }
}
