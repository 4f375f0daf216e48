/**
 * Names a Sent folder goes by when the server does not flag it `\Sent` (RFC 6154), compared without
 * case. Short on purpose — a longer list starts matching the user's own folders — and each one is here
 * for a reason:
 * - "Sent": Dovecot's, Courier's (often as INBOX.Sent), Thunderbird's and most hosting mailboxes' default.
 * - "Sent Items": Outlook and Exchange in English. "Sent Messages": Apple Mail. "Sent Mail": Gmail's
 *   "[Gmail]/Sent Mail" and older webmails.
 * - "Lähetetyt", "Lähetetyt kohteet": Finnish Outlook and webmails (this product's first language).
 * - "Skickat", "Skickade objekt": Swedish, Finland's other official language (Outlook's name second).
 * - "Gesendet", "Gesendete Elemente", "Elementos enviados", "Enviados", "Éléments envoyés", "Envoyés":
 *   the Outlook and webmail names of a few languages of customers' own mailboxes.
 */
export const SENT_FOLDER_NAMES: readonly string[] = [
  'Sent',
  'Sent Items',
  'Sent Messages',
  'Sent Mail',
  'Lähetetyt',
  'Lähetetyt kohteet',
  'Skickat',
  'Skickade objekt',
  'Gesendet',
  'Gesendete Elemente',
  'Elementos enviados',
  'Enviados',
  'Éléments envoyés',
  'Envoyés',
];

/** One folder as the server listed it (imapflow's ListResponse has these fields). */
export interface ListedFolder {
  /** The full path, decoded from modified UTF-7, e.g. "INBOX/Sent" or "Lähetetyt". */
  path: string;
  /** The hierarchy delimiter, e.g. "/" or "."; empty for a flat server. */
  delimiter: string;
  /** The LIST attributes, special-use flags included (`\Sent`, `\Noselect`, ...). */
  flags: Iterable<string>;
}

export interface SentFolder {
  path: string;
  /** How it was found: the settings named it, the server's `\Sent` flag, or its name. */
  foundBy: 'SETTING' | 'SPECIAL_USE' | 'NAME';
}

const normalize = (name: string): string => name.normalize('NFC').trim().toLowerCase();
const KNOWN = SENT_FOLDER_NAMES.map(normalize);

function hasFlag(folder: ListedFolder, flag: string): boolean {
  for (const f of folder.flags) if (f.toLowerCase() === flag) return true;
  return false;
}

function leafName(folder: ListedFolder): string {
  return folder.delimiter ? (folder.path.split(folder.delimiter).pop() ?? folder.path) : folder.path;
}

function depth(folder: ListedFolder): number {
  return folder.delimiter ? folder.path.split(folder.delimiter).length - 1 : 0;
}

/**
 * The folder a copy of sent mail belongs in: the one the server flags `\Sent` (RFC 6154, or XLIST's
 * equivalent), else the one whose own name (its last path part) is in SENT_FOLDER_NAMES — the earlier
 * name in the list first, then the shallower folder (so "Sent" wins over "Archive/2023/Sent"). Folders
 * that cannot hold messages (`\Noselect`, `\NonExistent`) are never chosen. Null when none fits.
 */
export function findSentFolder(folders: readonly ListedFolder[]): SentFolder | null {
  const selectable = folders.filter((f) => !hasFlag(f, '\\noselect') && !hasFlag(f, '\\nonexistent'));
  const flagged = selectable.find((f) => hasFlag(f, '\\sent'));
  if (flagged) return { path: flagged.path, foundBy: 'SPECIAL_USE' };
  let best: { folder: ListedFolder; rank: number } | null = null;
  for (const folder of selectable) {
    const rank = KNOWN.indexOf(normalize(leafName(folder)));
    if (rank < 0) continue;
    if (!best || rank < best.rank || (rank === best.rank && depth(folder) < depth(best.folder))) best = { folder, rank };
  }
  return best ? { path: best.folder.path, foundBy: 'NAME' } : null;
}

/**
 * The folder the settings name (`imapSentFolder`, its whole path as the server lists it, e.g.
 * "INBOX.Sent"), among the folders listed: the exact path first, else one that differs only in case
 * (INBOX is case-insensitive, and people type names as they see them). Null when none is listed or it
 * cannot hold messages — nothing is created.
 */
export function findNamedFolder(folders: readonly ListedFolder[], name: string): SentFolder | null {
  const wanted = name.normalize('NFC').trim();
  if (!wanted) return null;
  const selectable = folders.filter((f) => !hasFlag(f, '\\noselect') && !hasFlag(f, '\\nonexistent'));
  const exact = selectable.find((f) => f.path.normalize('NFC') === wanted);
  const loose = exact ?? selectable.find((f) => normalize(f.path) === normalize(wanted));
  return loose ? { path: loose.path, foundBy: 'SETTING' } : null;
}
