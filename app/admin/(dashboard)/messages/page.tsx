import type { Metadata } from 'next';
import { markContactHandledAction } from '@/app/admin/_actions/messages';
import { requireEditorPage } from '@/lib/auth/session';
import { listContactMessages } from '@/lib/editorial/contact';
import { formatJapaneseDateTime } from '@/lib/format/dates';
import { TextBlocks } from '@/components/site/TextBlocks';

export const metadata: Metadata = { title: 'お問い合わせ' };

export default async function ContactMessagesPage() {
  const actor = await requireEditorPage();
  const messages = await listContactMessages(actor);
  const open = messages.filter((message) => !message.handledAt).length;
  return (
    <>
      <h1 className="text-2xl font-bold">お問い合わせ</h1>
      <p role="status" className="mt-3 text-sm">
        {`未対応 ${open}件・全${messages.length}件（新しい順、最大100件）`}
      </p>
      <ol className="mt-4 space-y-4">
        {messages.map((message) => (
          <li key={message.id} className="rounded border border-rule p-4">
            <article aria-labelledby={`message-${message.id}`}>
              <h2 id={`message-${message.id}`} className="font-bold">
                {message.name}
                {message.email ? <span className="ml-2 font-normal">&lt;{message.email}&gt;</span> : null}
              </h2>
              <p className="text-sm text-muted">
                {formatJapaneseDateTime(new Date(message.createdAt))}
                {message.clientAddress ? `・送信元 ${message.clientAddress}` : ''}
              </p>
              <div className="mt-2 space-y-2 whitespace-pre-line">
                <TextBlocks value={message.body} />
              </div>
              {message.handledAt ? (
                <p className="mt-2 text-sm text-muted">
                  {`対応済み（${message.handledBy ?? ''}、${formatJapaneseDateTime(new Date(message.handledAt))}）`}
                </p>
              ) : (
                <form action={markContactHandledAction} className="mt-2">
                  <input type="hidden" name="id" value={message.id} />
                  <button type="submit" className="rounded border border-ink px-3 py-1 text-sm">
                    対応済みにする
                  </button>
                </form>
              )}
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}
