/**
 * Every string the element shows or announces, in every built-in language. Add a language or change
 * a string with `registerTranslation()` (localize.ts); the element picks the translation from its
 * `lang`, the nearest ancestor's `lang`, the document's, then English.
 */
export interface TelegramLoginTranslation {
  /** BCP 47 tag of this translation, lower case (`en`, `pt-br`, `zh-hant`). */
  $code: string;
  /** Writing direction. */
  $dir: 'ltr' | 'rtl';
  /** Telegram's name for the language, sent as `lang` to its consent page. */
  $telegram: string;
  login: string;
  signin: string;
  signup: string;
  continue: string;
  /** Shown in the button while the user confirms in Telegram. */
  pending: string;
  /** Announced when the browser blocked the popup. */
  popupBlocked: string;
  /** Announced when a login failed. */
  failed: string;
}

/** The label styles of the `text` attribute. */
export type TelegramLoginButtonText = 'login' | 'signin' | 'signup' | 'continue';

type Strings = Omit<TelegramLoginTranslation, '$code' | '$dir' | '$telegram'>;

function t($code: string, $telegram: string, strings: Strings, $dir: 'ltr' | 'rtl' = 'ltr'): TelegramLoginTranslation {
  return { $code, $dir, $telegram, ...strings };
}

export const BUILT_IN_TRANSLATIONS: readonly TelegramLoginTranslation[] = [
  t('en', 'en', {
    login: 'Log in with Telegram',
    signin: 'Sign in with Telegram',
    signup: 'Sign up with Telegram',
    continue: 'Continue with Telegram',
    pending: 'Confirm in Telegram…',
    popupBlocked: 'Pop-up blocked. Allow pop-ups for this site and try again.',
    failed: 'Login failed. Please try again.',
  }),
  t('ru', 'ru', {
    login: 'Войти через Telegram',
    signin: 'Войти через Telegram',
    signup: 'Зарегистрироваться через Telegram',
    continue: 'Продолжить с Telegram',
    pending: 'Подтвердите вход в Telegram…',
    popupBlocked: 'Всплывающее окно заблокировано. Разрешите всплывающие окна для этого сайта и повторите попытку.',
    failed: 'Не удалось войти. Попробуйте ещё раз.',
  }),
  t('uk', 'uk', {
    login: 'Увійти через Telegram',
    signin: 'Увійти через Telegram',
    signup: 'Зареєструватися через Telegram',
    continue: 'Продовжити з Telegram',
    pending: 'Підтвердьте вхід у Telegram…',
    popupBlocked: 'Спливне вікно заблоковано. Дозвольте спливні вікна для цього сайту та спробуйте ще раз.',
    failed: 'Не вдалося увійти. Спробуйте ще раз.',
  }),
  t('be', 'be', {
    login: 'Увайсці праз Telegram',
    signin: 'Увайсці праз Telegram',
    signup: 'Зарэгістравацца праз Telegram',
    continue: 'Працягнуць з Telegram',
    pending: 'Пацвердзіце ўваход у Telegram…',
    popupBlocked: 'Усплывальнае акно заблакавана. Дазвольце ўсплывальныя вокны для гэтага сайта і паспрабуйце яшчэ раз.',
    failed: 'Не ўдалося ўвайсці. Паспрабуйце яшчэ раз.',
  }),
  t('es', 'es', {
    login: 'Iniciar sesión con Telegram',
    signin: 'Iniciar sesión con Telegram',
    signup: 'Registrarse con Telegram',
    continue: 'Continuar con Telegram',
    pending: 'Confirma en Telegram…',
    popupBlocked: 'Ventana emergente bloqueada. Permite las ventanas emergentes para este sitio e inténtalo de nuevo.',
    failed: 'No se pudo iniciar sesión. Inténtalo de nuevo.',
  }),
  t('pt-br', 'pt-br', {
    login: 'Entrar com o Telegram',
    signin: 'Fazer login com o Telegram',
    signup: 'Inscrever-se com o Telegram',
    continue: 'Continuar com o Telegram',
    pending: 'Confirme no Telegram…',
    popupBlocked: 'Pop-up bloqueado. Permita pop-ups para este site e tente novamente.',
    failed: 'Não foi possível entrar. Tente novamente.',
  }),
  t('de', 'de', {
    login: 'Mit Telegram anmelden',
    signin: 'Mit Telegram anmelden',
    signup: 'Mit Telegram registrieren',
    continue: 'Weiter mit Telegram',
    pending: 'In Telegram bestätigen…',
    popupBlocked: 'Pop-up blockiert. Erlaube Pop-ups für diese Website und versuche es erneut.',
    failed: 'Anmeldung fehlgeschlagen. Bitte versuche es erneut.',
  }),
  t('fr', 'fr', {
    login: 'Se connecter avec Telegram',
    signin: 'Se connecter avec Telegram',
    signup: 'S’inscrire avec Telegram',
    continue: 'Continuer avec Telegram',
    pending: 'Confirmez dans Telegram…',
    popupBlocked: 'Fenêtre pop-up bloquée. Autorisez les pop-ups pour ce site et réessayez.',
    failed: 'Échec de la connexion. Veuillez réessayer.',
  }),
  t('it', 'it', {
    login: 'Accedi con Telegram',
    signin: 'Accedi con Telegram',
    signup: 'Registrati con Telegram',
    continue: 'Continua con Telegram',
    pending: 'Conferma in Telegram…',
    popupBlocked: 'Popup bloccato. Consenti i popup per questo sito e riprova.',
    failed: 'Accesso non riuscito. Riprova.',
  }),
  t('tr', 'tr', {
    login: 'Telegram ile giriş yap',
    signin: 'Telegram ile oturum aç',
    signup: 'Telegram ile kaydol',
    continue: 'Telegram ile devam et',
    pending: 'Telegram’da onaylayın…',
    popupBlocked: 'Açılır pencere engellendi. Bu site için açılır pencerelere izin verin ve tekrar deneyin.',
    failed: 'Giriş başarısız oldu. Lütfen tekrar deneyin.',
  }),
  t('id', 'id', {
    login: 'Masuk dengan Telegram',
    signin: 'Masuk dengan Telegram',
    signup: 'Daftar dengan Telegram',
    continue: 'Lanjutkan dengan Telegram',
    pending: 'Konfirmasi di Telegram…',
    popupBlocked: 'Pop-up diblokir. Izinkan pop-up untuk situs ini lalu coba lagi.',
    failed: 'Gagal masuk. Silakan coba lagi.',
  }),
  t(
    'fa',
    'fa',
    {
      login: 'ورود با تلگرام',
      signin: 'ورود با تلگرام',
      signup: 'ثبت‌نام با تلگرام',
      continue: 'ادامه با تلگرام',
      pending: 'در تلگرام تأیید کنید…',
      popupBlocked: 'پنجرهٔ بازشو مسدود شد. پنجره‌های بازشو را برای این سایت مجاز کنید و دوباره تلاش کنید.',
      failed: 'ورود ناموفق بود. لطفاً دوباره تلاش کنید.',
    },
    'rtl',
  ),
  t(
    'ar',
    'ar',
    {
      login: 'تسجيل الدخول عبر تيليجرام',
      signin: 'تسجيل الدخول عبر تيليجرام',
      signup: 'إنشاء حساب عبر تيليجرام',
      continue: 'المتابعة عبر تيليجرام',
      pending: 'أكِّد في تيليجرام…',
      popupBlocked: 'تم حظر النافذة المنبثقة. اسمح بالنوافذ المنبثقة لهذا الموقع وحاول مرة أخرى.',
      failed: 'تعذّر تسجيل الدخول. حاول مرة أخرى.',
    },
    'rtl',
  ),
  t('zh-hans', 'zh-hans', {
    login: '使用 Telegram 登录',
    signin: '使用 Telegram 登录',
    signup: '使用 Telegram 注册',
    continue: '通过 Telegram 继续',
    pending: '请在 Telegram 中确认…',
    popupBlocked: '弹出窗口被拦截。请允许此网站的弹出窗口后重试。',
    failed: '登录失败，请重试。',
  }),
  t('zh-hant', 'zh-hant', {
    login: '使用 Telegram 登入',
    signin: '使用 Telegram 登入',
    signup: '使用 Telegram 註冊',
    continue: '透過 Telegram 繼續',
    pending: '請在 Telegram 中確認…',
    popupBlocked: '彈出式視窗遭到封鎖。請允許此網站的彈出式視窗後再試一次。',
    failed: '登入失敗，請再試一次。',
  }),
  t('ja', 'ja', {
    login: 'Telegramでログイン',
    signin: 'Telegramでサインイン',
    signup: 'Telegramで登録',
    continue: 'Telegramで続行',
    pending: 'Telegramで確認してください…',
    popupBlocked: 'ポップアップがブロックされました。このサイトのポップアップを許可して、もう一度お試しください。',
    failed: 'ログインに失敗しました。もう一度お試しください。',
  }),
  t('ko', 'ko', {
    login: 'Telegram으로 로그인',
    signin: 'Telegram으로 로그인',
    signup: 'Telegram으로 가입',
    continue: 'Telegram으로 계속',
    pending: 'Telegram에서 확인하세요…',
    popupBlocked: '팝업이 차단되었습니다. 이 사이트의 팝업을 허용한 후 다시 시도하세요.',
    failed: '로그인하지 못했습니다. 다시 시도하세요.',
  }),
  t('pl', 'pl', {
    login: 'Zaloguj się przez Telegram',
    signin: 'Zaloguj się przez Telegram',
    signup: 'Zarejestruj się przez Telegram',
    continue: 'Kontynuuj z Telegramem',
    pending: 'Potwierdź w Telegramie…',
    popupBlocked: 'Wyskakujące okno zostało zablokowane. Zezwól na wyskakujące okna dla tej witryny i spróbuj ponownie.',
    failed: 'Nie udało się zalogować. Spróbuj ponownie.',
  }),
  t('nl', 'nl', {
    login: 'Inloggen met Telegram',
    signin: 'Aanmelden met Telegram',
    signup: 'Registreren met Telegram',
    continue: 'Doorgaan met Telegram',
    pending: 'Bevestig in Telegram…',
    popupBlocked: 'Pop-up geblokkeerd. Sta pop-ups toe voor deze site en probeer het opnieuw.',
    failed: 'Inloggen mislukt. Probeer het opnieuw.',
  }),
  t('uz', 'uz', {
    login: 'Telegram orqali kirish',
    signin: 'Telegram orqali kirish',
    signup: 'Telegram orqali roʻyxatdan oʻtish',
    continue: 'Telegram bilan davom etish',
    pending: 'Telegramda tasdiqlang…',
    popupBlocked: 'Qalqib chiquvchi oyna bloklandi. Bu sayt uchun qalqib chiquvchi oynalarga ruxsat bering va qayta urining.',
    failed: 'Kirib boʻlmadi. Qayta urinib koʻring.',
  }),
  t('kk', 'kk', {
    login: 'Telegram арқылы кіру',
    signin: 'Telegram арқылы кіру',
    signup: 'Telegram арқылы тіркелу',
    continue: 'Telegram арқылы жалғастыру',
    pending: 'Telegram-да растаңыз…',
    popupBlocked: 'Қалқымалы терезе бұғатталды. Бұл сайт үшін қалқымалы терезелерге рұқсат беріп, қайталап көріңіз.',
    failed: 'Кіру сәтсіз аяқталды. Қайталап көріңіз.',
  }),
  t('hi', 'hi', {
    login: 'Telegram से लॉग इन करें',
    signin: 'Telegram से साइन इन करें',
    signup: 'Telegram से साइन अप करें',
    continue: 'Telegram के साथ जारी रखें',
    pending: 'Telegram में पुष्टि करें…',
    popupBlocked: 'पॉप-अप ब्लॉक हो गया। इस साइट के लिए पॉप-अप की अनुमति दें और फिर से कोशिश करें।',
    failed: 'लॉग इन नहीं हो सका। कृपया फिर से कोशिश करें।',
  }),
];

/** Tags that mean one of the built-in translations but do not reduce to its code by dropping subtags. */
export const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  pt: 'pt-br',
  'pt-pt': 'pt-br',
  zh: 'zh-hans',
  'zh-cn': 'zh-hans',
  'zh-sg': 'zh-hans',
  'zh-tw': 'zh-hant',
  'zh-hk': 'zh-hant',
  'zh-mo': 'zh-hant',
};

/** Language codes with a built-in translation. */
export const BUILT_IN_LANGUAGES: readonly string[] = BUILT_IN_TRANSLATIONS.map((entry) => entry.$code);
