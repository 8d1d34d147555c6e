import { afterAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { db, disconnectDb } from '../platform/db';
import { CONTACT_LIMITS } from './contact-limits';
import { listContactMessages, markContactMessageHandled, submitContactMessage } from './contact';
import { userActor } from '../../scripts/test-support/integration';

afterAll(disconnectDb);

const editor = userActor('u-contact', 'editor', { email: 'editor@example.jp', name: '編集 花子' });
const admin = userActor('u-contact', 'admin', { email: 'editor@example.jp', name: '編集 花子' });
const message = (body: string) => ({ name: '読者 太郎', email: 'reader@example.jp', body, website: '' });

describe('the contact form', () => {
  it('keeps a message as the reader wrote it, with a browser’s CRLF line breaks made LF', async () => {
    const result = await submitContactMessage(message('一段落目です。\r\n\r\n二段落目です。\r\n'), '198.51.100.1');
    expect(result).toEqual({ ok: true });
    const stored = await db().contactMessage.findFirstOrThrow({ where: { clientAddress: '198.51.100.1' } });
    expect(stored).toMatchObject({
      name: '読者 太郎',
      email: 'reader@example.jp',
      body: '一段落目です。\n\n二段落目です。',
    });
  });

  it('refuses an empty name or body, a malformed address, an over-long body and a filled honeypot', async () => {
    for (const input of [
      { ...message('本文'), name: '  ' },
      message(''),
      { ...message('本文'), email: 'not-an-address' },
      message('あ'.repeat(CONTACT_LIMITS.bodyLength + 1)),
      { ...message('本文'), website: 'https://spam.example' },
    ]) {
      expect(await submitContactMessage(input, '198.51.100.2')).toMatchObject({ ok: false, refusal: 'invalid' });
    }
    expect(await db().contactMessage.count({ where: { clientAddress: '198.51.100.2' } })).toBe(0);
  });

  it(`takes ${CONTACT_LIMITS.perAddressPerHour} messages an hour from one address, and then refuses`, async () => {
    for (let i = 0; i < CONTACT_LIMITS.perAddressPerHour; i += 1) {
      expect(await submitContactMessage(message(`${i}通目`), '198.51.100.3')).toEqual({ ok: true });
    }
    expect(await submitContactMessage(message('もう一通'), '198.51.100.3')).toMatchObject({ refusal: 'rate-limited' });
    // Another address is not held back by this one.
    expect(await submitContactMessage(message('別の読者'), '198.51.100.4')).toEqual({ ok: true });
  });

  it(`stores exactly ${CONTACT_LIMITS.perAddressPerHour} of 40 messages sent at once from three addresses, per address`, async () => {
    const addresses = ['198.51.100.31', '198.51.100.32', '198.51.100.33'];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => submitContactMessage(message(`同時${i}`), addresses[i % 3]!)),
    );
    for (const clientAddress of addresses) {
      expect(await db().contactMessage.count({ where: { clientAddress } })).toBe(CONTACT_LIMITS.perAddressPerHour);
    }
    expect(results.filter((result) => result.ok)).toHaveLength(3 * CONTACT_LIMITS.perAddressPerHour);
    expect(results.filter((result) => !result.ok && result.refusal === 'rate-limited')).toHaveLength(
      40 - 3 * CONTACT_LIMITS.perAddressPerHour,
    );
  });

  it('shows editors the messages without the sender’s address, admins with it, and records who handled one', async () => {
    const forEditor = await listContactMessages(editor);
    const first = forEditor.find((row) => row.body === '一段落目です。\n\n二段落目です。')!;
    expect(first).toBeDefined();
    expect(first.clientAddress).toBeUndefined();
    expect((await listContactMessages(admin)).find((row) => row.id === first.id)?.clientAddress).toBe('198.51.100.1');
    await markContactMessageHandled(editor, first.id);
    const handled = (await listContactMessages(editor)).find((row) => row.id === first.id)!;
    expect(handled.handledBy).toBe('編集 花子');
    expect(handled.handledAt).not.toBeNull();
    const entries = await db().auditEntry.count({
      where: { action: 'contact_handled', targetId: String(first.id) },
    });
    expect(entries).toBe(1);
    // Handling it again changes nothing and writes no second entry.
    await markContactMessageHandled(editor, first.id);
    expect(await db().auditEntry.count({ where: { action: 'contact_handled', targetId: String(first.id) } })).toBe(1);
  });

  it('lets nobody read messages without signing in', async () => {
    await expect(listContactMessages(null as unknown as Actor)).rejects.toThrow('ログインが必要です');
  });
});
