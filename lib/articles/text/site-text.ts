/** The standard disclaimer shown on every AI-made article unless an editor writes another. */
export const STANDARD_DISCLAIMER =
  '本サイトの記事や画像はAIが公的資料や報道を整理し制作したものです。ただし誤りや不確定な情報が含まれることがありますので、参考の一助としてご覧いただき、実際の判断は公的資料や他の報道を直接ご確認ください。';

/** The one-line form repeated at the foot of each article. */
export const SHORT_DISCLAIMER = 'この記事はAIが公的資料や報道を整理して制作しました。誤りを含む可能性があります。';

export const SITE_TAGLINE = 'ニュースはAIで深化する—。日々の出来事を深掘りし、次の時代を考える視点をお届けします。';

export const SOURCES_HEADING = '参考・出典';
