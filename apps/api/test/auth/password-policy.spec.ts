import { passwordProblems } from '../../src/modules/auth/password-policy';

const codes = async (password: string, userInputs: string[] = []) => (await passwordProblems(password, { userInputs })).map((p) => p.code);

describe('login passwords', () => {
  it('refuses a password shorter than 12 characters, saying how long it must be', async () => {
    const [first] = await passwordProblems('Lyhyt-123');
    expect(first?.code).toBe('PASSWORD_TOO_SHORT');
    expect(first?.message.fi).toMatch(/vähintään 12 merkkiä/);
    expect(first?.message.en).toMatch(/at least 12 characters/);
  });

  it.each(['password1234', 'qwertyuiop123', 'P@ssw0rd12345', 'aaaaaaaaaaaa', 'iloveyou2024!', '123456789012'])('refuses the common password %s', async (password) => {
    expect(await codes(password)).toEqual(['PASSWORD_TOO_COMMON']);
  });

  it("refuses the user's own name as the password", async () => {
    expect(await codes('matti.virtanen', ['matti.virtanen'])).toEqual(['PASSWORD_TOO_COMMON']);
  });

  it.each(['Kesä2026kesä2026', 'Tosi-vahva-salasana-2026', 'correcthorsebatterystaple'])('accepts the long, uncommon %s', async (password) => {
    expect(await codes(password)).toEqual([]);
  });

  it('counts characters, not bytes', async () => {
    expect(await codes('ÄäÖöÅåÄäÖö1')).toEqual(['PASSWORD_TOO_SHORT']);
  });
});
