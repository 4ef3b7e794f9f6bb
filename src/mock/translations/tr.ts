import type { ConsentPageStrings } from './strings.js';

/** Turkish. */
export const tr: ConsentPageStrings = {
  $code: 'tr',
  $dir: 'ltr',
  title: 'Telegram ile giriş yap',
  wants: (bot, site) => `${bot}, ${site} sitesinde oturumunuzu açmak istiyor`,
  chooseUser: 'Şu hesapla giriş yap',
  willReceive: 'Site şunları alacak:',
  identity: 'Sizi bu sitede tanıyan bir kimlik',
  profile: 'Adınız, kullanıcı adınız ve profil fotoğrafınız',
  phone: 'Telefon numaranız',
  write: 'Botun size mesaj gönderme izni',
  allow: 'İzin ver',
  deny: 'Reddet',
  mockNotice: 'Bu, telegram-login-kit’in çevrimdışı Telegram taklididir. Gerçek bir hesap kullanılmaz.',
  noPhone: 'telefon numarası yok',
  errorTitle: 'Giriş başarısız',
  resultSent: 'Tamamlandı. Bu pencereyi kapatabilirsiniz.',
  noOpener: 'Bu pencereyi açan sayfa artık yok (kapatıldı mı, yoksa Cross-Origin-Opener-Policy: same-origin mi gönderiyor?). Bu pencereyi kapatıp tekrar deneyin.',
};
