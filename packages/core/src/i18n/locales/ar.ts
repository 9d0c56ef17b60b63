import type { Translation } from '../translation.js';
import { plural } from '../plural.js';

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
  switchPatient: 'تبديل المريض',
  choosePatient: 'اختر السجل الذي تريد عرضه',
  you: 'أنت',
  sessionExpired: 'انتهت جلستك.',
  signInAgain: 'سجّل الدخول مرة أخرى',
  keepWorkingNote: 'تم الاحتفاظ بما أنجزته في هذه الصفحة.',

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
};

export default ar;
