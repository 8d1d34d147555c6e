/**
 * A failure as one line, for a command's stderr, a log field or an editor's message. Prisma's
 * errors open with a dump of the call site ("Invalid `db().category.createMany()` invocation in
 * <file>", the code around it, an arrow) before the cause; only the call and the cause are kept.
 * Anything else has its lines joined.
 */
export function oneLineFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const prisma = /Invalid `([^`]+)` invocation/.exec(message);
  if (prisma) {
    const lines = message.split('\n').map((line) => line.trim());
    // The call site's code lines are numbered ("12 await db()...", "→ 12 ..."); the cause follows them.
    const lastCode = lines.findLastIndex((line) => /^(→\s*)?\d+\s/.test(line));
    const cause = lines
      .slice(lastCode + 1)
      .filter(Boolean)
      .join(' ');
    return `${prisma[1]}: ${cause || 'failed'}`;
  }
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
