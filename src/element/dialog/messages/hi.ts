import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'रद्द करें',
  dialogWaiting: 'Telegram में आपकी पुष्टि की प्रतीक्षा है…',
  dialogTimeLeft: '{time} में समाप्त',
  dialogOneMinute: 'पुष्टि के लिए एक मिनट बचा है।',
  botScan: 'फ़ोन के कैमरे से QR कोड स्कैन करें, या इस डिवाइस पर Telegram खोलें।',
  botQrLabel: 'Telegram में लॉगिन खोलने वाला QR कोड',
  botOpen: 'Telegram खोलें',
  botOpenWeb: 'Telegram नहीं खुल रहा? नए टैब में t.me का उपयोग करें',
  botPressCode: 'Telegram में “शुरू करें” दबाएँ, फिर यह कोड दबाएँ:',
} satisfies TelegramLoginDialogMessages;
