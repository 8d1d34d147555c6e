import { RESERVED_SLUGS, SLUG_MAX_LENGTH } from '../../routes/slug';

/**
 * A slug suggested from an article's title and date, for the editor's form: the publication day,
 * then the title's Latin words and numbers (G7, AI, 2025) and its katakana words romanised
 * (トランプ → toranpu, ウクライナ → ukuraina), which in Japanese news are mostly the names a reader
 * would search for. The same title and day always give the same slug. Pure: the form computes it.
 */

const KANA: Record<string, string> = {
  ア: 'a',
  イ: 'i',
  ウ: 'u',
  エ: 'e',
  オ: 'o',
  カ: 'ka',
  キ: 'ki',
  ク: 'ku',
  ケ: 'ke',
  コ: 'ko',
  ガ: 'ga',
  ギ: 'gi',
  グ: 'gu',
  ゲ: 'ge',
  ゴ: 'go',
  サ: 'sa',
  シ: 'shi',
  ス: 'su',
  セ: 'se',
  ソ: 'so',
  ザ: 'za',
  ジ: 'ji',
  ズ: 'zu',
  ゼ: 'ze',
  ゾ: 'zo',
  タ: 'ta',
  チ: 'chi',
  ツ: 'tsu',
  テ: 'te',
  ト: 'to',
  ダ: 'da',
  ヂ: 'ji',
  ヅ: 'zu',
  デ: 'de',
  ド: 'do',
  ナ: 'na',
  ニ: 'ni',
  ヌ: 'nu',
  ネ: 'ne',
  ノ: 'no',
  ハ: 'ha',
  ヒ: 'hi',
  フ: 'fu',
  ヘ: 'he',
  ホ: 'ho',
  バ: 'ba',
  ビ: 'bi',
  ブ: 'bu',
  ベ: 'be',
  ボ: 'bo',
  パ: 'pa',
  ピ: 'pi',
  プ: 'pu',
  ペ: 'pe',
  ポ: 'po',
  マ: 'ma',
  ミ: 'mi',
  ム: 'mu',
  メ: 'me',
  モ: 'mo',
  ヤ: 'ya',
  ユ: 'yu',
  ヨ: 'yo',
  ラ: 'ra',
  リ: 'ri',
  ル: 'ru',
  レ: 're',
  ロ: 'ro',
  ワ: 'wa',
  ヲ: 'o',
  ン: 'n',
  ヴ: 'vu',
  ァ: 'a',
  ィ: 'i',
  ゥ: 'u',
  ェ: 'e',
  ォ: 'o',
};
/** Small ya, yu, yo (and the small vowels after some consonants) join the kana before them. */
const YOON: Record<string, string> = { ャ: 'ya', ュ: 'yu', ョ: 'yo' };

function romanise(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i += 1) {
    const kana = word[i]!;
    const next = word[i + 1];
    if (kana === 'ッ') {
      // A doubled consonant: the next syllable's first letter, twice.
      const following = next ? (KANA[next] ?? '') : '';
      out += following.startsWith('ch') ? 't' : following.charAt(0);
      continue;
    }
    if (kana === 'ー') continue;
    let syllable = KANA[kana] ?? '';
    if (next && YOON[next] && syllable) {
      const base = syllable.endsWith('i') ? syllable.slice(0, -1) : syllable;
      syllable = /^(sh|ch|j)$/.test(base) ? base + YOON[next]!.slice(1) : base + YOON[next]!;
      i += 1;
    } else if (next && /[ァィゥェォ]/.test(next) && syllable.length > 1) {
      // ティ → ti, ファ → fa, ウィ → wi: the consonant keeps the small vowel.
      syllable = syllable.slice(0, -1) + KANA[next]!;
      if (kana === 'ウ') syllable = 'w' + KANA[next]!;
      i += 1;
    }
    out += syllable;
  }
  return out;
}

function fnv(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(6, '0').slice(0, 6);
}

export function suggestSlug(title: string, dateKey: string): string {
  const text = title.normalize('NFKC');
  const matches = [...text.matchAll(/[A-Za-z0-9]+|[ァ-ヴー]{2,}/g)].map(([word]) => word);
  const words = matches
    .map((word) => (/^[ァ-ヴー]+$/.test(word) ? romanise(word) : word.toLowerCase()))
    .filter((word) => word.length > 0)
    .slice(0, 5);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(dateKey) ? dateKey.replaceAll('-', '') : '';
  // Kanji have no reading without a dictionary: when the words it can read are under a third of a
  // title's letters (one loanword in a kanji headline), they do not name the story, and the title's
  // fingerprint follows them, so two such stories of one day stay apart. Without any word to read,
  // the fingerprint alone.
  const letters = [...text].filter((char) => /[\p{L}\p{N}]/u.test(char)).length;
  const readable = matches.join('').length;
  const fingerprint = words.length === 0 || readable * 3 < letters ? [fnv(text)] : [];
  const parts = [day, ...words, ...fingerprint].filter(Boolean);
  let slug = parts.join('-').slice(0, SLUG_MAX_LENGTH).replace(/-+$/, '');
  if (!slug || RESERVED_SLUGS.has(slug)) slug = `article-${fnv(text)}`;
  return slug;
}
