export { createSmtpMailer, createOutboxMailer, createMailSender, type Mailer, type MailMessage, type MailSender } from './mailer.ts';
export { orderPaidMail, orderStatusMail, passwordResetMail, type Recipient, type Locale } from './messages.ts';
export { createOrderMails } from './order-mails.ts';
