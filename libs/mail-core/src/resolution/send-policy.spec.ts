import { resolveSendPolicy } from './send-policy';

describe('send mode and default output', () => {
  it("takes the send mode and default output from the program's policy", () => {
    expect(resolveSendPolicy('SALES_ORDER', { source: 'SALES_ORDER', sendMode: 'SEND_NOW', defaultOutput: 'EMAIL' })).toEqual({
      sendMode: 'SEND_NOW',
      defaultOutput: 'EMAIL',
    });
  });

  it("uses the program's defaults when no policy is stored", () => {
    expect(resolveSendPolicy('QUOTE', null)).toEqual({ sendMode: 'OPEN_FOR_EDIT', defaultOutput: 'PAPER' });
    expect(resolveSendPolicy('SHIPPING_LABEL', null)).toEqual({ sendMode: 'OPEN_FOR_EDIT', defaultOutput: 'EMAIL' });
  });

  it("ignores a policy stored for another program", () => {
    expect(resolveSendPolicy('QUOTE', { source: 'PURCHASE_ORDER', sendMode: 'ASK', defaultOutput: 'EMAIL' })).toEqual({
      sendMode: 'OPEN_FOR_EDIT',
      defaultOutput: 'PAPER',
    });
  });
});

describe('the send-mode fallback', () => {
  it("falls back to the program's default for a stored value that is no send mode", () => {
    expect(resolveSendPolicy('QUOTE', { source: 'QUOTE', sendMode: 'SEND_LATER', defaultOutput: 'EMAIL' })).toEqual({ sendMode: 'OPEN_FOR_EDIT', defaultOutput: 'EMAIL' });
    expect(resolveSendPolicy('QUOTE', { source: 'QUOTE', sendMode: 'ASK', defaultOutput: 'FAX' })).toEqual({ sendMode: 'ASK', defaultOutput: 'PAPER' });
  });
});
