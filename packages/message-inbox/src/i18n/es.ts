import { plural } from '@portico/core';
import type { MessageInboxTerms } from './terms.js';

const es: MessageInboxTerms = {
  messages: 'Mensajes',
  loadingMessages: 'Cargando sus mensajes…',
  noMessages: 'Todavía no hay mensajes',
  noMessagesHint: 'Aquí aparecerán los mensajes entre usted y su equipo de atención.',
  signInToRead: 'Inicie sesión para leer y enviar mensajes a su equipo de atención.',
  unreadMessages: (count) => plural('es', count, { one: '# mensaje sin leer', other: '# mensajes sin leer' }),
  unreadMarker: 'Sin leer',
  allConversations: 'Todas las conversaciones',
  noSubject: '(Sin asunto)',
  careTeam: 'Su equipo de atención',
  senderYou: 'Usted',
  writingFor: (writer, patient) => `${writer} en nombre de ${patient}`,
  withPeople: (people) => `Con ${people}`,
  sentAt: (when) => `Enviado ${when}`,
  attachments: 'Archivos adjuntos',
  downloadFile: (name) => `Descargar ${name}`,
  showOlderMessages: 'Mostrar conversaciones anteriores',
  olderShown: (count) => plural('es', count, { one: 'Se muestra # conversación más', other: 'Se muestran # conversaciones más' }),
  loadingConversation: 'Cargando la conversación…',
  untitledFile: 'Archivo adjunto',
};

export default es;
