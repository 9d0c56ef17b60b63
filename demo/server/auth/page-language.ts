/** The languages of the sign-in pages (login, patient picker, consent) and how a request picks one. */

export const PAGE_LANGUAGES = ['en', 'es', 'ar'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** The consent groups: what a client may do, in the words a patient uses. */
export const CONSENT_GROUPS = [
  'identity',
  'record',
  'results',
  'visits',
  'messages',
  'bills',
  'refills',
  'otherChanges',
  'staySignedIn',
] as const;
export type ConsentGroup = (typeof CONSENT_GROUPS)[number];

/** Every text the sign-in pages show, in one language. */
export interface PageText {
  signInTitle: string;
  signInHeading: (client: string) => string;
  username: string;
  password: string;
  signIn: string;
  cancel: string;
  demoAccounts: string;
  who: string;
  wrongPassword: string;
  allowTitle: string;
  allowHeading: (client: string) => string;
  signedInAs: string;
  whoseRecord: string;
  you: string;
  someoneYouCareFor: string;
  willBeAbleTo: (client: string) => string;
  allow: string;
  deny: string;
  continue: string;
  titleSuffix: (brand: string) => string;
  expiredTitle: string;
  expired: string;
  problemTitle: string;
  signingOut: string;
  signOut: string;
  signedOutTitle: string;
  signedOut: (brand: string) => string;
  groups: Record<ConsentGroup, string>;
}

const TEXT: Record<PageLanguage, PageText> = {
  en: {
    signInTitle: 'Sign in',
    signInHeading: (client) => `Sign in to ${client}`,
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    cancel: 'Cancel',
    demoAccounts: 'Demo accounts',
    who: 'Who',
    wrongPassword: 'That username and password do not match.',
    allowTitle: 'Allow access',
    allowHeading: (client) => `Allow ${client} to access your record?`,
    signedInAs: 'Signed in as',
    whoseRecord: 'Whose record do you want to open?',
    you: 'you',
    someoneYouCareFor: 'someone you care for',
    willBeAbleTo: (client) => `${client} will be able to:`,
    allow: 'Allow',
    deny: 'Deny',
    continue: 'Continue',
    titleSuffix: (brand) => `${brand} sign-in`,
    expiredTitle: 'Sign-in expired',
    expired: 'This sign-in page has expired. Go back to the portal and sign in again.',
    problemTitle: 'Sign-in problem',
    signingOut: 'Signing you out…',
    signOut: 'Sign out',
    signedOutTitle: 'Signed out',
    signedOut: (brand) => `You are signed out of ${brand}.`,
    groups: {
      identity: 'Know who you are',
      record: 'See your health record',
      results: 'See your test results',
      visits: 'Book, move and cancel visits',
      messages: 'Send messages to your care team',
      bills: 'Pay bills',
      refills: 'Ask for refills',
      otherChanges: 'Add to your health record',
      staySignedIn: 'Stay signed in',
    },
  },
  es: {
    signInTitle: 'Iniciar sesión',
    signInHeading: (client) => `Inicie sesión en ${client}`,
    username: 'Usuario',
    password: 'Contraseña',
    signIn: 'Iniciar sesión',
    cancel: 'Cancelar',
    demoAccounts: 'Cuentas de demostración',
    who: 'Quién',
    wrongPassword: 'El usuario y la contraseña no coinciden.',
    allowTitle: 'Permitir acceso',
    allowHeading: (client) => `¿Permitir que ${client} acceda a su historial?`,
    signedInAs: 'Sesión iniciada como',
    whoseRecord: '¿De quién es el historial que quiere abrir?',
    you: 'usted',
    someoneYouCareFor: 'alguien a quien cuida',
    willBeAbleTo: (client) => `${client} podrá:`,
    allow: 'Permitir',
    deny: 'Rechazar',
    continue: 'Continuar',
    titleSuffix: (brand) => `Inicio de sesión de ${brand}`,
    expiredTitle: 'Inicio de sesión caducado',
    expired: 'Esta página de inicio de sesión ha caducado. Vuelva al portal e inicie sesión de nuevo.',
    problemTitle: 'Problema al iniciar sesión',
    signingOut: 'Cerrando la sesión…',
    signOut: 'Cerrar sesión',
    signedOutTitle: 'Sesión cerrada',
    signedOut: (brand) => `Ha cerrado la sesión de ${brand}.`,
    groups: {
      identity: 'Saber quién es usted',
      record: 'Ver su historial de salud',
      results: 'Ver los resultados de sus pruebas',
      visits: 'Reservar, cambiar y cancelar citas',
      messages: 'Enviar mensajes a su equipo de atención',
      bills: 'Pagar facturas',
      refills: 'Pedir recetas de reposición',
      otherChanges: 'Añadir información a su historial de salud',
      staySignedIn: 'Mantener la sesión iniciada',
    },
  },
  ar: {
    signInTitle: 'تسجيل الدخول',
    signInHeading: (client) => `سجّل الدخول إلى ${client}`,
    username: 'اسم المستخدم',
    password: 'كلمة المرور',
    signIn: 'تسجيل الدخول',
    cancel: 'إلغاء',
    demoAccounts: 'حسابات تجريبية',
    who: 'من',
    wrongPassword: 'اسم المستخدم وكلمة المرور غير متطابقين.',
    allowTitle: 'السماح بالوصول',
    allowHeading: (client) => `هل تسمح لـ ${client} بالوصول إلى سجلك؟`,
    signedInAs: 'تم تسجيل الدخول باسم',
    whoseRecord: 'سجل من تريد فتحه؟',
    you: 'أنت',
    someoneYouCareFor: 'شخص ترعاه',
    willBeAbleTo: (client) => `سيتمكن ${client} من:`,
    allow: 'سماح',
    deny: 'رفض',
    continue: 'متابعة',
    titleSuffix: (brand) => `تسجيل الدخول إلى ${brand}`,
    expiredTitle: 'انتهت صلاحية تسجيل الدخول',
    expired: 'انتهت صلاحية صفحة تسجيل الدخول هذه. ارجع إلى البوابة وسجّل الدخول مرة أخرى.',
    problemTitle: 'مشكلة في تسجيل الدخول',
    signingOut: 'جارٍ تسجيل خروجك…',
    signOut: 'تسجيل الخروج',
    signedOutTitle: 'تم تسجيل الخروج',
    signedOut: (brand) => `تم تسجيل خروجك من ${brand}.`,
    groups: {
      identity: 'معرفة هويتك',
      record: 'الاطلاع على سجلك الصحي',
      results: 'الاطلاع على نتائج فحوصاتك',
      visits: 'حجز المواعيد وتغييرها وإلغاؤها',
      messages: 'إرسال رسائل إلى فريق رعايتك',
      bills: 'دفع الفواتير',
      refills: 'طلب إعادة صرف الأدوية',
      otherChanges: 'الإضافة إلى سجلك الصحي',
      staySignedIn: 'إبقاؤك مسجّل الدخول',
    },
  },
};

/** The texts of the sign-in pages in `language`. */
export function pageText(language: PageLanguage): PageText {
  return TEXT[language];
}

/** The writing direction of `language`. */
export function pageDirection(language: PageLanguage): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/** The first supported language of a `ui_locales` list (`"ar-SA es"`) or an `Accept-Language` header (`"es-MX,es;q=0.9"`). */
export function supportedLanguage(preferences: string | undefined | null): PageLanguage | undefined {
  const ranked = String(preferences ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry, index) => {
      const [tag = '', ...params] = entry.split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0] as PageLanguage;
    if ((PAGE_LANGUAGES as readonly string[]).includes(primary)) return primary;
  }
  return undefined;
}

/** The page language: the authorization request's `ui_locales`, else the interaction URL's, else the browser's `Accept-Language`, else English. */
export function choosePageLanguage(sources: { requestUiLocales?: unknown; queryUiLocales?: string | null; acceptLanguage?: string }): PageLanguage {
  return (
    supportedLanguage(typeof sources.requestUiLocales === 'string' ? sources.requestUiLocales : undefined) ??
    supportedLanguage(sources.queryUiLocales) ??
    supportedLanguage(sources.acceptLanguage) ??
    'en'
  );
}
