import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src-main/app/config';
import { demoConfig } from '../../fakes/demo-config';

describe('payment configuration', () => {
  it('the demo center has a DEMO receiving account that is not a real account number', () => {
    expect(demoConfig().payment).toEqual({
      vietqr: { bankBin: '970436', accountNumber: 'DEMO0000000001', accountName: 'TRUNG TAM PVHCC TINH (DEMO)', bankName: 'Vietcombank (DEMO)' },
      watchDays: 7,
    });
  });

  it('null turns QR payment off; a bank name may be left out', () => {
    expect(demoConfig({ payment: { vietqr: null } }).payment.vietqr).toBeNull();
    const own = demoConfig({ payment: { vietqr: { bankBin: '970415', accountNumber: '113366668888', accountName: 'TT PVHCC', bankName: null } } });
    expect(own.payment.vietqr).toEqual({ bankBin: '970415', accountNumber: '113366668888', accountName: 'TT PVHCC', bankName: null });
  });

  it('stops start-up naming a bad BIN, account number or an unknown key', () => {
    const bad = (vietqr: unknown) => () => demoConfig({ payment: { vietqr } });
    expect(bad({ bankBin: '97043', accountNumber: '1', accountName: 'X' })).toThrow(/payment\.vietqr\.bankBin: 6 digits/);
    expect(bad({ bankBin: '970436', accountNumber: '0011 0012', accountName: 'X' })).toThrow(/payment\.vietqr\.accountNumber/);
    expect(bad({ bankBin: '970436', accountNumber: '1', accountName: '  ' })).toThrow(/payment\.vietqr\.accountName/);
    expect(bad({ bankBin: '970436', accountNumber: '1', accountName: 'X', amount: 5 })).toThrow(ConfigError);
  });
});
