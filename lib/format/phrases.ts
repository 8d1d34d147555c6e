import { loadDefaultJapaneseParser } from 'budoux';

/**
 * Japanese text cut into phrases (文節) by BudouX, Google's segmenter, on the server: a headline
 * may then break only between phrases (計画運休、／夜9時までに), never inside one (計画運／休).
 * Pure, with no `server-only`; the model (a small table of weights) is loaded with the module.
 */
const parser = loadDefaultJapaneseParser();

export function phrasesOf(text: string): string[] {
  return parser.parse(text);
}
