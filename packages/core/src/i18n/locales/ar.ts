import type { Translation } from '../translation.js';
import { plural } from '../plural.js';

const NOT_GIVEN_REASON = {
  IMMUNE: 'لديه مناعة بالفعل', MEDPREC: 'سبب طبي', OSTOCK: 'غير متوفر', PATOBJ: 'رفض المريض', PHILISOP: 'قناعة شخصية',
  RELIG: 'معتقد ديني', VACEFF: 'شكوك في فعاليته', VACSAF: 'شكوك في سلامته',
} as const;

/** Arabic (Modern Standard Arabic), written right to left. Loaded on first use. */
const ar: Translation = {
  $code: 'ar',
  $name: 'العربية',
  $dir: 'rtl',

  signIn: 'تسجيل الدخول',
  signInPrompt: 'سجّل الدخول للاطلاع على معلوماتك الصحية.',
  signingIn: 'جارٍ تسجيل دخولك…',
  signOut: 'تسجيل الخروج',
  signedInAs: (name) => `تم تسجيل الدخول باسم ${name}`,
  actingFor: (name) => `تعرض سجل ${name}`,
  viewingRecordOf: (name) => `أنت تعرض سجل ${name}`,
  headingForPatient: (name) => `(${name})`,
  switchPatient: 'تبديل المريض',
  choosePatient: 'اختر السجل الذي تريد عرضه',
  you: 'أنت',
  sessionExpired: 'انتهت جلستك.',
  signInAgain: 'سجّل الدخول مرة أخرى',
  keepWorkingNote: 'تم الاحتفاظ بما أنجزته في هذه الصفحة.',
  idleHeading: 'هل ما زلت هنا؟',
  idleCountdown: (seconds) =>
    `سيتم تسجيل الخروج خلال ${plural('ar', seconds, { zero: '# ثانية', one: 'ثانية واحدة', two: 'ثانيتين', few: '# ثوانٍ', many: '# ثانية', other: '# ثانية' })}`,
  staySignedIn: 'البقاء مسجلاً الدخول',
  idleSignedOut: 'تم تسجيل خروجك لعدم وجود أي نشاط في هذه الصفحة لفترة. هذا يحمي معلوماتك على جهاز مشترك.',

  loading: 'جارٍ التحميل…',
  retry: 'أعد المحاولة',
  empty: 'لا يوجد شيء لعرضه بعد.',
  close: 'إغلاق',
  resultsCount: (count) =>
    plural('ar', count, {
      zero: 'لا توجد نتائج',
      one: 'نتيجة واحدة',
      two: 'نتيجتان',
      few: '# نتائج',
      many: '# نتيجة',
      other: '# نتيجة',
    }),

  patient: 'المريض',
  dateOfBirth: 'تاريخ الميلاد',
  age: (years) =>
    plural('ar', years, {
      zero: 'أقل من سنة',
      one: 'سنة واحدة',
      two: 'سنتان',
      few: '# سنوات',
      many: '# سنة',
      other: '# سنة',
    }),
  medicalRecordNumber: 'رقم الملف الطبي',

  errorNetwork: 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك ثم أعد المحاولة.',
  errorUnauthorized: 'انتهت جلستك. يُرجى تسجيل الدخول مرة أخرى.',
  errorForbidden: 'ليس لديك إذن بالاطلاع على هذه المعلومات.',
  errorNotFound: 'لم نعثر على هذه المعلومات. ربما نُقلت أو حُذفت.',
  errorConflict: 'غيّر شخص آخر هذا في الوقت نفسه. حدّث الصفحة ثم أعد المحاولة.',
  errorInvalid: 'لم يتمكن الخادم من قبول هذا الطلب. راجع البيانات ثم أعد المحاولة.',
  errorTooManyRequests: 'هناك طلبات كثيرة في الوقت نفسه. انتظر قليلًا ثم أعد المحاولة.',
  errorUnavailable: 'الخدمة مشغولة أو متوقفة للصيانة. يُرجى إعادة المحاولة بعد بضع دقائق.',
  errorServer: 'حدث خطأ من جهتنا. يُرجى إعادة المحاولة لاحقًا.',
  errorAborted: 'توقّف الطلب قبل أن يكتمل.',
  errorUnknown: 'حدث خطأ ما. يُرجى إعادة المحاولة.',

  errorConfigNoServer: 'لم تُضبط هذه البوابة بعد: لم يُحدَّد عنوان خادم FHIR.',
  errorConfigDiscovery: 'تعذّر العثور على خدمة تسجيل الدخول الخاصة بالمستشفى.',
  errorAccessDenied: 'أُلغي تسجيل الدخول أو لم يُسمح بالوصول.',
  errorStateMismatch: 'رابط تسجيل الدخول هذا غير صالح أو انتهت صلاحيته. يُرجى تسجيل الدخول مرة أخرى.',
  errorDiscoveryUnreachable: 'تعذّر الوصول إلى خدمة تسجيل الدخول الخاصة بالمستشفى. تحقّق من اتصالك ثم أعد المحاولة.',
  errorSignInLibrary: 'تعذّر بدء تسجيل الدخول لأن جزءًا من هذه الصفحة لم يُحمَّل. أعد تحميل الصفحة ثم حاول مرة أخرى.',
  errorConfigRejected: 'تسجيل الدخول في هذه البوابة غير مضبوط بشكل صحيح، لذا لا تستطيع خدمة تسجيل الدخول في المستشفى قبوله. يُرجى إبلاغ المستشفى.',

  errorDownloadRefused: 'لا يمكن تنزيل هذا الملف هنا بسبب صيغته. اطلب نسخة منه من فريق رعايتك.',
  errorFileType: 'لا يمكن إرسال هذا النوع من الملفات. أرسل ملف PDF أو صورة.',
  errorFileTooLarge: (limit) => (limit ? `حجم هذا الملف أكبر من ${limit}.` : 'هذا الملف أكبر من أن يُرسَل.'),
  errorFileUploadUnsupported: (limit) => (limit ? `يقبل نظام العيادة هنا ملفات حتى ${limit}. أرسل ملفًا أصغر.` : 'لا يقبل نظام العيادة هنا ملفًا بهذا الحجم. أرسل ملفًا أصغر.'),
  showMore: 'عرض المزيد',
  moreShown: (count) =>
    plural('ar', count, { zero: 'لم يُعرض المزيد', one: 'عُرض عنصر آخر', two: 'عُرض عنصران آخران', few: 'عُرضت # عناصر أخرى', many: 'عُرض # عنصرًا آخر', other: 'عُرض # عنصر آخر' }),
  timeNotGiven: 'الوقت غير محدد',
  when: 'الموعد',
  notGivenReason: (reason) => NOT_GIVEN_REASON[reason],
};

export default ar;
