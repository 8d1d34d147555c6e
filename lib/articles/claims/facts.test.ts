import { describe, expect, it } from 'vitest';
import { extractFacts, numeralValue } from './facts';

const keys = (text: string) => extractFacts(text).map((fact) => [fact.text, fact.key]);

describe('numerals', () => {
  it('reads kanji numerals with 十・百・千 and 万・億・兆 scaling', () => {
    expect(numeralValue('三万二千')).toBe(32000);
    expect(numeralValue('二十三')).toBe(23);
    expect(numeralValue('百五十')).toBe(150);
    expect(numeralValue('一億二千万')).toBe(120000000);
    expect(numeralValue('二兆五千億')).toBe(2.5e12);
    expect(numeralValue('二〇二五')).toBe(2025);
  });

  it('reads digits mixed with kanji scales, thousands separators and decimal points', () => {
    expect(numeralValue('3万2000')).toBe(32000);
    expect(numeralValue('32,000')).toBe(32000);
    expect(numeralValue('1億2千万')).toBe(120000000);
    expect(numeralValue('1.5')).toBe(1.5);
    expect(numeralValue('一・五')).toBe(1.5);
    expect(numeralValue('2兆')).toBe(2e12);
  });
});

describe('the facts of a Japanese news text', () => {
  it('finds numbers with their units however the digits are written', () => {
    expect(keys('避難者は三万二千人に上った。')).toEqual([['三万二千人', 'n:32000:人']]);
    expect(keys('避難者は３万２０００人に上った。')).toEqual([['3万2000人', 'n:32000:人']]);
    expect(keys('避難者は32,000人に上った。')).toEqual([['32,000人', 'n:32000:人']]);
    expect(keys('輸出は前年の１．５倍。')).toEqual([['1.5倍', 'n:1.5:倍']]);
    expect(keys('輸出は前年の一・五倍。')).toEqual([['一・五倍', 'n:1.5:倍']]);
    expect(keys('支持率は３０％に下落した。')).toEqual([['30%', 'n:30:%']]);
    expect(keys('支持率は30パーセント。')).toEqual([['30パーセント', 'n:30:%']]);
    expect(keys('総額2兆円の補正予算')).toEqual([['2兆円', 'n:2000000000000:円']]);
    expect(keys('7億ドルの追加支援')).toEqual([['7億ドル', 'n:700000000:ドル']]);
    expect(keys('原油価格は1バレル＝80ドル')).toEqual([
      ['1バレル', 'n:1:バレル'],
      ['80ドル', 'n:80:ドル'],
    ]);
  });

  it('reads the figures of everyday news phrasings', () => {
    expect(keys('約１万５０００人が参加した')).toEqual([['1万5000人', 'n:15000:人']]);
    expect(keys('前年同期比12.3%増')).toEqual([['12.3%', 'n:12.3:%']]);
    expect(keys('1ドル=150円台')).toEqual([
      ['1ドル', 'n:1:ドル'],
      ['150円', 'n:150:円'],
    ]);
    expect(keys('黒字は5兆3000億円')).toEqual([['5兆3000億円', 'n:5300000000000:円']]);
    expect(keys('売上高は1,000万円')).toEqual([['1,000万円', 'n:10000000:円']]);
    expect(keys('一千万円の寄付')).toEqual([['一千万円', 'n:10000000:円']]);
    expect(keys('百万ドルの損失')).toEqual([['百万ドル', 'n:1000000:ドル']]);
    expect(keys('２，５００円に値上げ')).toEqual([['2,500円', 'n:2500:円']]);
    expect(keys('2025年度の予算')).toEqual([['2025年', 'd:2025--']]);
    expect(keys('午前0時に発効')).toEqual([['午前0時', 't:0:0']]);
  });

  it('does not run digits into the kanji of the next word (第2四半期)', () => {
    expect(keys('第2四半期の決算')).toEqual([['2', 'n:2:']]);
  });

  it('leaves vague amounts alone: 数万人, 十数人, 一人ひとり, 三つ', () => {
    expect(extractFacts('数万人が集まり、十数人が負傷、一人ひとりが三つの課題に向き合う')).toEqual([]);
  });

  it('treats the same counters alike: 名 as 人, か国 as カ国, 才 as 歳', () => {
    expect(extractFacts('12名が負傷')[0]!.key).toBe(extractFacts('12人が負傷')[0]!.key);
    expect(extractFacts('30か国が参加')[0]!.key).toBe(extractFacts('30カ国が参加')[0]!.key);
    expect(extractFacts('80才の男性')[0]!.key).toBe(extractFacts('80歳の男性')[0]!.key);
  });

  it('finds dates in western and era years, with month and day, or the day alone', () => {
    expect(keys('2025年10月18日、ホワイトハウスで')).toEqual([
      ['2025年10月18日', 'd:2025-10-18'],
      ['ホワイトハウス', 's:ホワイトハウス'],
    ]);
    expect(keys('会談は10月18日に行われた')).toEqual([['10月18日', 'd:-10-18']]);
    expect(keys('令和7年度の予算')).toEqual([['令和7年', 'd:2025--']]);
    expect(keys('令和元年5月1日に改元')).toEqual([['令和元年5月1日', 'd:2019-5-1']]);
    expect(keys('平成３１年４月３０日')).toEqual([['平成31年4月30日', 'd:2019-4-30']]);
    expect(keys('二〇二五年十月十八日')).toEqual([['二〇二五年十月十八日', 'd:2025-10-18']]);
    expect(keys('政府は18日、発表した')).toEqual([['18日', 'd:--18']]);
    expect(keys('2025/10/18 発表')).toEqual([['2025/10/18', 'd:2025-10-18']]);
    expect(keys('3日間の日程')).toEqual([['3日間', 'n:3:日間']]);
  });

  it('finds times, reading 午後 as the afternoon', () => {
    expect(keys('午後3時に始まった')).toEqual([['午後3時', 't:15:0']]);
    expect(keys('午前10時半ごろ')).toEqual([['午前10時半', 't:10:30']]);
    expect(keys('15時30分に終了')).toEqual([['15時30分', 't:15:30']]);
    expect(keys('15:30に終了')).toEqual([['15:30', 't:15:30']]);
    expect(keys('3時間の会談')).toEqual([['3時間', 'n:3:時間']]);
  });

  it('finds quoted phrases and names in katakana and Latin letters', () => {
    expect(keys('トランプ氏は「いまは合意の時だ」と述べた')).toEqual([
      ['いまは合意の時だ', 'q:いまは合意の時だ'],
      ['トランプ', 's:トランプ'],
    ]);
    expect(keys('ウォロディミル・ゼレンスキー大統領')).toEqual([
      ['ウォロディミル・ゼレンスキー', 's:ウォロディミル・ゼレンスキー'],
    ]);
    expect(keys('NATOとOpenAIは')).toEqual([
      ['NATO', 's:nato'],
      ['OpenAI', 's:openai'],
    ]);
  });

  it('does not count the numbers of codes and names (G7, F-16) as figures', () => {
    expect(keys('G7とF-16')).toEqual([
      ['G7', 's:g7'],
      ['F-16', 's:f-16'],
    ]);
  });

  it('leaves alone the kanji numerals of ordinary words', () => {
    expect(extractFacts('一方で、十分な議論が一部にある。九州と四国、千葉、五輪、万一の備え。')).toEqual([]);
  });

  it('reads citation markers as markers, not numbers', () => {
    expect(keys('7億ドルの支援[2]。')).toEqual([['7億ドル', 'n:700000000:ドル']]);
  });
});
