import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Telegram में पुष्टि करें…',
  popupBlocked: 'पॉप-अप ब्लॉक हो गया। इस साइट के लिए पॉप-अप की अनुमति दें और फिर से कोशिश करें।',
  failed: 'लॉग इन नहीं हो सका। कृपया फिर से कोशिश करें।',
} satisfies TelegramLoginMessages;
