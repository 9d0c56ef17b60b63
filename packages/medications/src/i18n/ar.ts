import { numberFormat, plural } from '@portico/core';
import type { MedicationListTerms } from './terms.js';

const UNIT = { s: ['ثانية', 'ثوانٍ'], min: ['دقيقة', 'دقائق'], h: ['ساعة', 'ساعات'], d: ['يوم', 'أيام'], wk: ['أسبوع', 'أسابيع'], mo: ['شهر', 'أشهر'], a: ['سنة', 'سنوات'] } as const;
const A = { s: 'في الثانية', min: 'في الدقيقة', h: 'في الساعة', d: 'في اليوم', wk: 'في الأسبوع', mo: 'في الشهر', a: 'في السنة' } as const;
const TIMES: Record<string, string> = {
  MORN: 'كل صباح', AFT: 'كل ظهيرة', EVE: 'كل مساء', NIGHT: 'كل ليلة', HS: 'عند النوم', WAKE: 'عند الاستيقاظ',
  C: 'مع الطعام', CM: 'مع الفطور', CD: 'مع الغداء', CV: 'مع العشاء', AC: 'قبل الوجبات', ACM: 'قبل الفطور', ACD: 'قبل الغداء',
  ACV: 'قبل العشاء', PC: 'بعد الوجبات', PCM: 'بعد الفطور', PCD: 'بعد الغداء', PCV: 'بعد العشاء',
};
const n = (value: number) => numberFormat('ar').format(value);
const times = (count: number) => (count === 1 ? 'مرة واحدة' : count === 2 ? 'مرتين' : `${n(count)} مرات`);
const every = (period: number, unit: keyof typeof UNIT) => (period === 1 ? `كل ${UNIT[unit][0]}` : `كل ${n(period)} ${UNIT[unit][1]}`);

const ar: MedicationListTerms = {
  medications: 'الأدوية',
  loadingMedications: 'جارٍ تحميل أدويتك…',
  signInToSeeMedications: 'سجّل الدخول لرؤية أدويتك وطلب إعادة صرفها.',
  currentMedicines: (count) => `الأدوية الحالية (${n(count)})`,
  pastMedicines: (count) => `الأدوية السابقة (${n(count)})`,
  noMedicines: 'لا توجد أدوية مسجلة',
  noMedicinesMessage: 'ستظهر هنا الأدوية التي يصفها لك فريق رعايتك.',
  noCurrentMedicines: 'ليس لديك وصفات حالية.',
  howToTake: 'طريقة الاستعمال',
  prescribedBy: 'وصفه',
  started: 'تاريخ البدء',
  lastFilled: 'آخر صرف',
  notFilledYet: 'لم يُصرف بعد',
  refillsLeft: 'مرات إعادة الصرف المتبقية',
  refillsAllowed: 'مرات إعادة الصرف المسموح بها',
  pharmacy: 'الصيدلية',
  prescriptionStatus: (status) =>
    ({ active: 'سارية', 'on-hold': 'معلقة', draft: 'لم تسرِ بعد', stopped: 'أوقفت', completed: 'انتهت', cancelled: 'أُلغيت' })[status] ?? 'لم يعد يؤخذ',
  stoppedBecause: (reason) => `السبب: ${reason}`,
  askFor: (kind) => (kind === 'refill' ? 'اطلب إعادة الصرف' : 'اطلب تجديد الوصفة'),
  refillBecause: (left) => plural('ar', left, { zero: 'لا تبقى أي مرة.', one: 'تبقى مرة واحدة.', two: 'تبقى مرتان.', few: 'تبقى # مرات.', many: 'تبقى # مرة.', other: 'تبقى # مرة.' }),
  renewalNoRefills: 'لم تبقَ مرات لإعادة الصرف: يجب أن يجدد الطبيب الوصفة.',
  renewalExpired: (date) => `انتهت صلاحية هذه الوصفة في ${date}: يجب أن يجددها الطبيب.`,
  requestKind: (kind) => (kind === 'refill' ? 'طلب إعادة صرف' : 'طلب تجديد'),
  requestStatus: (status) =>
    ({
      draft: 'لم يُرسل بعد',
      requested: 'أُرسل، بانتظار الطبيب',
      received: 'استلمته العيادة',
      accepted: 'قُبل',
      rejected: 'رُفض',
      ready: 'جاهز',
      cancelled: 'سُحب',
      'in-progress': 'قيد المعالجة',
      'on-hold': 'معلق',
      failed: 'تعذر تنفيذه',
      completed: 'تم',
      'entered-in-error': 'سُجل خطأً',
    })[status],
  askedOn: (date) => `طُلب في ${date}`,
  withdraw: 'اسحب الطلب',
  withdrawn: 'سُحب الطلب.',
  noteLabel: 'ملاحظة للطبيب (اختيارية)',
  noteHint: 'مثلاً تغيير في طريقة تناوله أو عرض جانبي.',
  pharmacyChoice: 'الصيدلية',
  pharmacyOnPrescription: (name) => `${name} (المذكورة في الوصفة)`,
  sendRequest: (kind) => (kind === 'refill' ? 'أرسل طلب إعادة الصرف' : 'أرسل طلب التجديد'),
  requestSending: 'جارٍ الإرسال…',
  cancel: 'إلغاء',
  sent: (kind) => (kind === 'refill' ? 'أُرسل طلب إعادة الصرف. سترى رد الطبيب هنا.' : 'أُرسل طلب التجديد. سترى رد الطبيب هنا.'),
  notSent: 'لم يُرسل. ملاحظتك محفوظة: حاول مرة أخرى.',
  askByMessage: (kind) => (kind === 'refill' ? 'اطلب إعادة الصرف برسالة' : 'اطلب التجديد برسالة'),
  messageTo: (prescriber) => `إلى ${prescriber}`,
  messageSubject: (kind, medicine) => `${kind === 'refill' ? 'إعادة صرف' : 'تجديد'}: ${medicine}`,
  messageBody: (kind, medicine) => `أرجو ${kind === 'refill' ? 'إعادة صرف' : 'تجديد'} وصفتي لدواء ${medicine}.`,
  sendMessage: 'أرسل الرسالة',
  prescriberMessageSent: 'أُرسلت الرسالة إلى الطبيب. سيصل الرد إلى رسائلك.',
  askOnline: (kind) => (kind === 'refill' ? 'اطلب إعادة الصرف على موقع المستشفى' : 'اطلب التجديد على موقع المستشفى'),
  askOffline: 'لطلب المزيد، اتصل بصيدليتك أو بالعيادة.',
  cannotWithdraw: 'لسحبه، اتصل بالعيادة.',

  frequency: (count, period, unit) => (count === 1 && (period !== 1 || unit === 'h' || unit === 'min' || unit === 's') ? every(period, unit) : period === 1 ? `${times(count)} ${A[unit]}` : `${times(count)} ${every(period, unit)}`),
  doseTime: (time) => TIMES[time] ?? '',
  route: (route) => ({ byMouth: 'عن طريق الفم', underSkin: 'تحت الجلد', inhaled: 'استنشاقاً', intoMuscle: 'في العضل', onSkin: 'على الجلد' })[route],
  asNeeded: 'عند الحاجة',
  asNeededFor: (reason) => `عند الحاجة لـ ${reason}`,
  forDuration: (count, unit) => `لمدة ${n(count)} ${UNIT[unit][count === 1 ? 0 : 1]}`,
  per: (period, unit) => (period === 1 ? A[unit] : `كل ${n(period)} ${UNIT[unit][1]}`),
  atMost: (amount, period) => `(لا تزد على ${amount} ${period})`,
  amount: (value, unit) => `${n(value)} ${unit}`.trim(),
};

export default ar;
