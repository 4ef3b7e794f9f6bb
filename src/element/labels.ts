/**
 * The labels of every built-in language: what the first paint needs, so the drop-in holds them all
 * and a button never flashes a label in the wrong language. The rest of each language (the pending
 * hint, the announcements) loads on demand from `messages/<code>.ts`.
 */
import type { TelegramLoginLabels } from './translation.js';

type Labels = Omit<TelegramLoginLabels, '$code' | '$dir' | '$telegram'>;

function labels($code: string, strings: Labels, $dir: 'ltr' | 'rtl' = 'ltr'): TelegramLoginLabels {
  // Telegram's language codes are ours (`pt-br`, `zh-hans`).
  return { $code, $dir, $telegram: $code, ...strings };
}

export const BUILT_IN_LABELS: readonly TelegramLoginLabels[] = [
  labels('en', { login: 'Log in with Telegram', signin: 'Sign in with Telegram', signup: 'Sign up with Telegram', continue: 'Continue with Telegram' }),
  labels('ru', { login: 'Войти через Telegram', signin: 'Войти через Telegram', signup: 'Зарегистрироваться через Telegram', continue: 'Продолжить с Telegram' }),
  labels('uk', { login: 'Увійти через Telegram', signin: 'Увійти через Telegram', signup: 'Зареєструватися через Telegram', continue: 'Продовжити з Telegram' }),
  labels('be', { login: 'Увайсці праз Telegram', signin: 'Увайсці праз Telegram', signup: 'Зарэгістравацца праз Telegram', continue: 'Працягнуць з Telegram' }),
  labels('es', { login: 'Iniciar sesión con Telegram', signin: 'Iniciar sesión con Telegram', signup: 'Registrarse con Telegram', continue: 'Continuar con Telegram' }),
  labels('pt-br', { login: 'Entrar com o Telegram', signin: 'Fazer login com o Telegram', signup: 'Inscrever-se com o Telegram', continue: 'Continuar com o Telegram' }),
  labels('de', { login: 'Mit Telegram anmelden', signin: 'Mit Telegram anmelden', signup: 'Mit Telegram registrieren', continue: 'Weiter mit Telegram' }),
  labels('fr', { login: 'Se connecter avec Telegram', signin: 'Se connecter avec Telegram', signup: 'S’inscrire avec Telegram', continue: 'Continuer avec Telegram' }),
  labels('it', { login: 'Accedi con Telegram', signin: 'Accedi con Telegram', signup: 'Registrati con Telegram', continue: 'Continua con Telegram' }),
  labels('tr', { login: 'Telegram ile giriş yap', signin: 'Telegram ile oturum aç', signup: 'Telegram ile kaydol', continue: 'Telegram ile devam et' }),
  labels('id', { login: 'Masuk dengan Telegram', signin: 'Masuk dengan Telegram', signup: 'Daftar dengan Telegram', continue: 'Lanjutkan dengan Telegram' }),
  labels('fa', { login: 'ورود با تلگرام', signin: 'ورود با تلگرام', signup: 'ثبت‌نام با تلگرام', continue: 'ادامه با تلگرام' }, 'rtl'),
  labels('ar', { login: 'تسجيل الدخول عبر تيليجرام', signin: 'تسجيل الدخول عبر تيليجرام', signup: 'إنشاء حساب عبر تيليجرام', continue: 'المتابعة عبر تيليجرام' }, 'rtl'),
  labels('zh-hans', { login: '使用 Telegram 登录', signin: '使用 Telegram 登录', signup: '使用 Telegram 注册', continue: '通过 Telegram 继续' }),
  labels('zh-hant', { login: '使用 Telegram 登入', signin: '使用 Telegram 登入', signup: '使用 Telegram 註冊', continue: '透過 Telegram 繼續' }),
  labels('ja', { login: 'Telegramでログイン', signin: 'Telegramでサインイン', signup: 'Telegramで登録', continue: 'Telegramで続行' }),
  labels('ko', { login: 'Telegram으로 로그인', signin: 'Telegram으로 로그인', signup: 'Telegram으로 가입', continue: 'Telegram으로 계속' }),
  labels('pl', { login: 'Zaloguj się przez Telegram', signin: 'Zaloguj się przez Telegram', signup: 'Zarejestruj się przez Telegram', continue: 'Kontynuuj z Telegramem' }),
  labels('nl', { login: 'Inloggen met Telegram', signin: 'Aanmelden met Telegram', signup: 'Registreren met Telegram', continue: 'Doorgaan met Telegram' }),
  labels('uz', { login: 'Telegram orqali kirish', signin: 'Telegram orqali kirish', signup: 'Telegram orqali roʻyxatdan oʻtish', continue: 'Telegram bilan davom etish' }),
  labels('kk', { login: 'Telegram арқылы кіру', signin: 'Telegram арқылы кіру', signup: 'Telegram арқылы тіркелу', continue: 'Telegram арқылы жалғастыру' }),
  labels('hi', { login: 'Telegram से लॉग इन करें', signin: 'Telegram से साइन इन करें', signup: 'Telegram से साइन अप करें', continue: 'Telegram के साथ जारी रखें' }),
];


/** Language codes with a built-in translation. */
export const BUILT_IN_LANGUAGES: readonly string[] = BUILT_IN_LABELS.map((entry) => entry.$code);
