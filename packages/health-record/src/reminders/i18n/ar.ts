import type { HealthRemindersTerms } from './terms.js';

const GROUP = { overdue: 'متأخر', due: 'مستحق قريبًا', coming: 'قادم' } as const;
const KIND = { vaccine: 'لقاح', plan: 'خطة الرعاية', order: 'طلبه فريق رعايتك', visit: 'زيارة' } as const;
const UNNAMED = { vaccine: 'لقاح', plan: 'فحص في خطة رعايتك', order: 'فحص أو إجراء', visit: 'زيارة' } as const;
const UNIT = { d: ['يوم', 'أيام'], wk: ['أسبوع', 'أسابيع'], mo: ['شهر', 'أشهر'], a: ['سنة', 'سنوات'], h: ['ساعة', 'ساعات'], min: ['دقيقة', 'دقائق'], s: ['ثانية', 'ثوانٍ'] } as const;

const ar: HealthRemindersTerms = {
  remindersHeading: 'التذكيرات',
  loadingReminders: 'جارٍ تحميل تذكيراتك…',
  signInToSeeReminders: 'سجّل الدخول لترى ما هو مستحق: اللقاحات والفحوص الدورية والتحاليل والزيارات القادمة.',
  reminderGroup: (timing, count) => `${GROUP[timing]} (${count})`,
  reminderKind: (kind) => KIND[kind],
  unnamedReminder: (kind) => UNNAMED[kind],
  reminderWhen: (timing, due, from) =>
    timing === 'overdue'
      ? due ? `متأخر منذ ${due}` : 'متأخر'
      : from && due ? `مستحق بين ${from} و${due}` : from ? `مستحق ابتداءً من ${from}` : due ? `مستحق قبل ${due}` : 'مستحق الآن',
  repeatEvery: (count, unit) => (count === 1 ? `كل ${UNIT[unit][0]}` : `كل ${count} ${UNIT[unit][1]}`),
  nextAround: (date) => `الموعد التالي نحو ${date}`,
  lastDueAround: (date) => `كان مستحقًا نحو ${date}`,
  reminderDose: (dose, series) => [dose ? `الجرعة ${dose}` : '', series ? `${dose ? 'من سلسلة: ' : ''}${series}` : ''].filter(Boolean).join(' '),
  recommendedBy: 'بتوصية من',
  partOfPlan: 'جزء من',
  reminderOrderedBy: 'طلبه',
  orderedOn: 'تاريخ الطلب',
  visitWith: 'مع',
  visitWhere: 'المكان',
  beforeYouGo: 'قبل أن تذهب',
  bookReminder: 'احجز',
  bookReason: (kind, name) => (kind === 'vaccine' ? `لقاح: ${name}` : name),
  bookReminderNamed: (name) => `احجز: ${name}`,
  reminderAddToCalendar: 'أضف إلى التقويم',
  reminderAddToCalendarNamed: (name) => `أضف إلى التقويم: ${name}`,
  seeOrChangeVisit: 'اعرض أو غيّر',
  hadElsewhere: 'أجريته في مكان آخر',
  hadElsewhereNamed: (name) => `أجريته في مكان آخر: ${name}`,
  elsewhereSubject: (name) => `أجريته في مكان آخر: ${name}`,
  elsewhereText: (name) => `تلقيت ${name} في عيادة أو صيدلية أخرى.\nالتاريخ: \nالمكان: `,
  howToBook: 'كيف تحجز',
  nothingDue: 'لا شيء مستحق الآن',
  nothingDueMessage: 'أنت على اطلاع بكل شيء. ستظهر هنا اللقاحات والفحوص والزيارات التي يخطط لها فريق رعايتك عندما يحين موعدها.',
  someRemindersMissing: 'تعذّرت قراءة بعض التذكيرات، لذلك قد تكون هذه القائمة غير كاملة.',
};

export default ar;
