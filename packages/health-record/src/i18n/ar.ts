import { plural } from '@portico/core';
import type { HealthRecordTerms } from './terms.js';

const SECTION = { conditions: 'الحالات الصحية', allergies: 'الحساسية', immunizations: 'التطعيمات', visits: 'الزيارات السابقة', notes: 'ملاحظات الأطباء', vitals: 'العلامات الحيوية' } as const;
const ITEMS = { conditions: ['حالة', 'حالات'], allergies: ['حساسية', 'أنواع حساسية'], immunizations: ['تطعيم', 'تطعيمات'], visits: ['زيارة', 'زيارات'], notes: ['ملاحظة', 'ملاحظات'], vitals: ['قياس', 'قياسات'] } as const;
const CATEGORY = { food: 'طعام', medication: 'دواء', environment: 'بيئية', biologic: 'مادة حيوية' } as const;

const ar: HealthRecordTerms = {
  healthRecord: 'السجل الصحي',
  loadingHealthRecord: 'جارٍ تحميل سجلك الصحي…',
  signInToSeeHealthRecord: 'سجّل الدخول لرؤية سجلك الصحي: الحالات الصحية والحساسية والتطعيمات والزيارات والملاحظات والعلامات الحيوية.',
  sectionName: (section) => SECTION[section],
  loadingSection: (section) => `جارٍ تحميل ${SECTION[section]}…`,
  showAll: (section, count) => `عرض الكل (${plural('ar', count, { one: `# ${ITEMS[section][0]}`, two: `# ${ITEMS[section][0]}`, other: `# ${ITEMS[section][1]}` })})`,
  backToSummary: 'العودة إلى السجل الصحي',
  noneOnRecord: (section) => `لا توجد ${SECTION[section]} مسجلة`,
  noneOnRecordMessage: (section) =>
    section === 'allergies'
      ? 'لم يسجل فريق الرعاية أي حساسية. أخبرهم بأي حساسية لديك.'
      : section === 'immunizations'
        ? 'ستظهر هنا التطعيمات التي تتلقاها أو تخبر بها فريق الرعاية.'
        : section === 'visits'
          ? 'ستظهر هنا زياراتك لفريق الرعاية.'
          : section === 'notes'
            ? 'ستظهر هنا الملاحظات التي يكتبها أطباؤك بعد زياراتك.'
            : section === 'vitals'
              ? 'ستظهر هنا قياسات ضغط الدم والوزن وغيرها من زياراتك.'
              : 'ستظهر هنا المشكلات الصحية التي يسجلها فريق الرعاية.',
  olderNotShown: 'تظهر هنا أحدث السجلات فقط. اطلب السجل الكامل من فريق الرعاية.',
  unnamedCondition: 'حالة بلا اسم مسجل',
  unnamedAllergy: 'حساسية بلا اسم مسجل',
  unnamedVaccine: 'تطعيم بلا اسم مسجل',
  activeConditions: (count) => `الحالية (${count})`,
  ruledOutConditions: (count) => `مستبعدة (${count})`,
  resolvedConditions: (count) => `زالت (${count})`,
  noActiveConditions: 'لا توجد حالات حالية.',
  ruledOut: 'مستبعدة',
  notConfirmed: 'لم تتأكد بعد',
  since: 'منذ',
  resolvedOn: 'زالت في',
  recordedBy: 'سجلها',
  recordedOn: 'سُجلت في',
  noKnownAllergies: 'لا حساسية معروفة',
  noKnownAllergiesMessage: 'سجل فريق الرعاية أنه لا توجد لديك حساسية معروفة.',
  allergyCategory: (category) => CATEGORY[category],
  intolerance: 'عدم تحمل',
  reactions: 'التفاعلات',
  severity: (severity) => ({ mild: 'تفاعل خفيف', moderate: 'تفاعل متوسط', severe: 'تفاعل شديد' })[severity],
  criticality: (criticality) => ({ low: 'خطر منخفض لتفاعل خطير', high: 'خطر مرتفع لتفاعل خطير', 'unable-to-assess': 'الخطر غير معروف' })[criticality],
  noLongerAllergic: 'لم تعد مشكلة',
  date: 'التاريخ',
  doseLabel: 'الجرعة',
  dose: (number, of) => (of ? `${number} من ${of}` : number),
  placeWhere: 'المكان',
  lot: 'رقم التشغيلة',
  vaccineNotGiven: 'لم يُعطَ',
  reasonLabel: 'السبب',
  unnamedVisit: 'زيارة',
  visitWhy: 'السبب',
  diagnoses: 'التشخيص',
  unnamedNote: 'ملاحظة',
  writtenBy: 'كتبها',
  readNote: 'قراءة الملاحظة',
  hideNote: 'إخفاء الملاحظة',
  readingNote: 'جارٍ قراءة الملاحظة…',
  noteNotShownHere: 'هذه الملاحظة ملف: نزّلها من مستنداتك.',
  unnamedVital: 'قياس',
  latest: 'الأحدث',
  measuredOn: 'تاريخ القياس',
  valueLabel: 'القيمة',
  flagLabel: 'ملاحظة',
  vitalTrendSummary: (count, first, last) => `${count} قيم من ${first} إلى ${last}.`,
  seenBy: 'الطبيب',
};

export default ar;
