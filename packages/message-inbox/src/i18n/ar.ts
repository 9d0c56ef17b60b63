import { plural } from '@portico/core';
import type { MessageInboxTerms } from './terms.js';

const ar: MessageInboxTerms = {
  messages: 'الرسائل',
  loadingMessages: 'جارٍ تحميل رسائلك…',
  noMessages: 'لا توجد رسائل بعد',
  noMessagesHint: 'ستظهر هنا الرسائل بينك وبين فريق الرعاية.',
  signInToRead: 'سجّل الدخول لقراءة الرسائل وإرسالها إلى فريق الرعاية.',
  unreadMessages: (count) =>
    plural('ar', count, { zero: 'لا رسائل غير مقروءة', one: 'رسالة واحدة غير مقروءة', two: 'رسالتان غير مقروءتين', few: '# رسائل غير مقروءة', many: '# رسالة غير مقروءة', other: '# رسالة غير مقروءة' }),
  unreadMarker: 'غير مقروءة',
  allConversations: 'كل المحادثات',
  noSubject: '(بلا موضوع)',
  careTeam: 'فريق الرعاية',
  senderYou: 'أنت',
  writingFor: (writer, patient) => `${writer} نيابةً عن ${patient}`,
  withPeople: (people) => `مع ${people}`,
  sentAt: (when) => `أُرسلت ${when}`,
  attachments: 'المرفقات',
  downloadFile: (name) => `تنزيل ${name}`,
  showOlderMessages: 'عرض المحادثات الأقدم',
  olderShown: (count) => plural('ar', count, { zero: 'لم تُعرض محادثات أخرى', one: 'عُرضت محادثة أخرى', two: 'عُرضت محادثتان أخريان', few: 'عُرضت # محادثات أخرى', many: 'عُرضت # محادثة أخرى', other: 'عُرضت # محادثة أخرى' }),
  loadingConversation: 'جارٍ تحميل المحادثة…',
  untitledFile: 'مرفق',
};

export default ar;
