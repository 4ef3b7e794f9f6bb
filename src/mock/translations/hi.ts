import type { ConsentPageStrings } from './strings.js';

/** Hindi. */
export const hi: ConsentPageStrings = {
  $code: 'hi',
  $dir: 'ltr',
  title: 'Telegram से लॉग इन करें',
  wants: (bot, site) => `${bot} आपको ${site} पर लॉग इन करना चाहता है`,
  chooseUser: 'इस रूप में लॉग इन करें',
  willReceive: 'साइट को यह मिलेगा:',
  identity: 'एक ID जिससे यह साइट आपको पहचानती है',
  profile: 'आपका नाम, यूज़रनेम और प्रोफ़ाइल फ़ोटो',
  phone: 'आपका फ़ोन नंबर',
  write: 'बॉट को आपको संदेश भेजने की अनुमति',
  allow: 'अनुमति दें',
  deny: 'अस्वीकार करें',
  mockNotice: 'यह telegram-login-kit का ऑफ़लाइन Telegram मॉक है। किसी असली खाते का उपयोग नहीं होता।',
  noPhone: 'कोई फ़ोन नंबर नहीं',
  errorTitle: 'लॉग इन विफल रहा',
  resultSent: 'हो गया। आप यह विंडो बंद कर सकते हैं।',
  noOpener: 'जिस पेज ने यह विंडो खोली थी, वह अब नहीं है (क्या वह बंद हो गया, या Cross-Origin-Opener-Policy: same-origin भेजता है?)। यह विंडो बंद करें और फिर से कोशिश करें।',
};
