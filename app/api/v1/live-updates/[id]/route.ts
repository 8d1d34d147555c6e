import { readLiveUpdateReport } from '@/lib/api/live-updates';
import { problemDocument } from '@/lib/api/problem';
import { answer } from '@/lib/api/submissions';
import { routes } from '@/lib/routes/registry';
import { apiHandler } from '@/lib/server/guard';

/** Where a live update this key sent stands: held, published (with its URL), rejected or removed. */
export const GET = apiHandler(
  'apiLiveUpdate',
  async (_request, actor, context: { params: Promise<{ id: string }> }) => {
    const parsed = routes.apiLiveUpdate.params.safeParse(await context.params);
    const report = parsed.success ? await readLiveUpdateReport(actor, parsed.data.id) : null;
    if (!report)
      return answer({
        status: 404,
        body: problemDocument(404, 'not-found', {
          ja: 'このライブの更新はありません',
          en: 'There is no such live update',
        }),
        headers: {},
      });
    return answer({ status: 200, body: report, headers: {} });
  },
);
