import { findSentFolder, type ListedFolder } from './sent-folder';

const folder = (path: string, flags: string[] = [], delimiter = '/'): ListedFolder => ({ path, delimiter, flags });

describe('findSentFolder', () => {
  it('takes the folder the server flags \\Sent, whatever its name', () => {
    expect(findSentFolder([folder('INBOX'), folder('Sent'), folder('Elementos enviados', ['\\HasNoChildren', '\\Sent'])])).toEqual({
      path: 'Elementos enviados',
      foundBy: 'SPECIAL_USE',
    });
  });

  it('reads the flag without regard to case', () => {
    expect(findSentFolder([folder('Posted', ['\\SENT'])])?.path).toBe('Posted');
  });

  it('falls back to a known name when no folder is flagged', () => {
    expect(findSentFolder([folder('INBOX'), folder('Lähetetyt'), folder('Luonnokset', ['\\Drafts'])])).toEqual({ path: 'Lähetetyt', foundBy: 'NAME' });
  });

  it('matches the folder’s own name, so Courier’s INBOX.Sent and Gmail’s [Gmail]/Sent Mail are found', () => {
    expect(findSentFolder([folder('INBOX', [], '.'), folder('INBOX.Sent', [], '.')])?.path).toBe('INBOX.Sent');
    expect(findSentFolder([folder('[Gmail]/Sent Mail'), folder('[Gmail]/All Mail')])?.path).toBe('[Gmail]/Sent Mail');
  });

  it('compares names without case and in one Unicode form', () => {
    expect(findSentFolder([folder('SENT ITEMS')])?.path).toBe('SENT ITEMS');
    expect(findSentFolder([folder('La\u0308hetetyt')])?.path).toBe('La\u0308hetetyt');
  });

  it('prefers the earlier name in the list, then the shallower folder', () => {
    expect(findSentFolder([folder('Sent Items'), folder('Sent')])?.path).toBe('Sent');
    expect(findSentFolder([folder('Arkisto/2023/Sent'), folder('Sent')])?.path).toBe('Sent');
  });

  it('does not take a user folder that only starts like a Sent folder', () => {
    expect(findSentFolder([folder('Sent to customers'), folder('Lähetetyt tarjoukset'), folder('Sentinel')])).toBeNull();
  });

  it('never chooses a folder that cannot hold messages', () => {
    expect(findSentFolder([folder('Sent', ['\\Noselect', '\\HasChildren'])])).toBeNull();
    expect(findSentFolder([folder('Old', ['\\Sent', '\\NonExistent']), folder('Lähetetyt')])).toEqual({ path: 'Lähetetyt', foundBy: 'NAME' });
  });

  it('answers null for a mailbox with no Sent folder', () => {
    expect(findSentFolder([folder('INBOX'), folder('Arkisto')])).toBeNull();
    expect(findSentFolder([])).toBeNull();
  });
});
