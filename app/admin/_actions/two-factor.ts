'use server';
import { redirect } from 'next/navigation';
import QRCode from 'qrcode';
import { z } from 'zod';
import { confirmTwoFactorSetUp, startTwoFactorSetUp, turnOffTwoFactor } from '@/lib/auth/sign-in';
import { defineStateAction } from '@/lib/editorial/admin-action';

/**
 * Setting up two-factor sign-in: the password, then the secret (as a QR code) and recovery codes.
 * Open to any session, including an admin's that must set it up before anything else.
 */

export type TwoFactorState = {
  error?: string;
  setUp?: { qrSvg: string; secret: string; recoveryCodes: string[] };
};

const password = z.object({ password: z.string().default('') });

export const startTwoFactorAction = defineStateAction('startTwoFactorAction', {
  permission: 'signed-in',
  input: password,
  audit: [],
  run: async ({ input }): Promise<TwoFactorState> => {
    const started = await startTwoFactorSetUp(input.password);
    if ('error' in started) return { error: started.error };
    const qrSvg = await QRCode.toString(started.totpURI, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { setUp: { qrSvg, secret: started.secret, recoveryCodes: started.recoveryCodes } };
  },
});

export const confirmTwoFactorAction = defineStateAction('confirmTwoFactorAction', {
  permission: 'signed-in',
  input: z.object({ code: z.string().default('') }),
  audit: ['two_factor_enable'],
  run: async ({ input, previous }): Promise<TwoFactorState> => {
    const confirmed = await confirmTwoFactorSetUp(input.code);
    if ('error' in confirmed) return { ...previous, error: confirmed.error };
    // Better Auth replaces the session when the second factor goes on: a fresh page reads the new one.
    redirect('/admin/two-factor?done=enabled');
  },
});

export const turnOffTwoFactorAction = defineStateAction('turnOffTwoFactorAction', {
  permission: 'signed-in',
  input: password,
  audit: ['two_factor_disable'],
  run: async ({ input }): Promise<TwoFactorState> => {
    const result = await turnOffTwoFactor(input.password);
    if ('error' in result) return { error: result.error };
    redirect('/admin/two-factor?done=disabled');
  },
});
