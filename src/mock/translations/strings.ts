/** Every string of the mock's pages (consent, error, result) in one language. */
export interface ConsentPageStrings {
  /** The language tag, lower case, as the element sends it in `lang` (`en`, `pt-br`, `zh-hant`). */
  $code: string;
  $dir: 'ltr' | 'rtl';
  title: string;
  wants: (bot: string, site: string) => string;
  chooseUser: string;
  willReceive: string;
  identity: string;
  profile: string;
  phone: string;
  write: string;
  allow: string;
  deny: string;
  mockNotice: string;
  noPhone: string;
  errorTitle: string;
  resultSent: string;
  noOpener: string;
}
