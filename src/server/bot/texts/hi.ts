import type { BotLoginTexts } from './strings.js';

/** Hindi. */
export const hi: BotLoginTexts = {
  prompt: '{site} में लॉग इन करें?',
  requestFrom: 'अनुरोध: {browser}, {os}, {time}।',
  chooseCode: 'साइट पर दिखाए गए कोड पर टैप करें।',
  notStarted: 'यह लॉग इन आपने शुरू नहीं किया? “यह मैं नहीं हूँ” पर टैप करें: हो सकता है कोई आपके नाम से लॉग इन करने की कोशिश कर रहा हो।',
  notMe: 'यह मैं नहीं हूँ',
  approved: 'आप {site} में लॉग इन हो गए हैं।',
  denied: '{site} में लॉग इन अस्वीकार किया गया। कोई लॉग इन नहीं हुआ।',
  wrongCode: 'गलत कोड: {site} में लॉग इन अस्वीकार किया गया। अगर यह आप थे, तो साइट पर फिर से शुरू करें।',
  expired: 'इस लॉग इन लिंक की समय-सीमा समाप्त हो गई है; साइट पर फिर से शुरू करें।',
  cancelled: 'साइट पर लॉग इन रद्द कर दिया गया।',
  notYours: 'यह लॉग इन अनुरोध किसी दूसरे Telegram खाते का है।',
  unknownBrowser: 'अज्ञात ब्राउज़र',
  unknownOs: 'अज्ञात सिस्टम',
};
