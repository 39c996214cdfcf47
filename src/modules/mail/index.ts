export { createSmtpMailer, createOutboxMailer, createMailSender, type Mailer, type MailMessage, type MailSender } from './mailer.ts';
export { createMailQueue, retryDelay, MAIL_RETRY, type MailQueue, type MailRetryPolicy } from './queue.ts';
export { orderPaidMail, orderStatusMail, passwordResetMail, emailVerificationMail, backInStockMail, type Recipient, type Locale } from './messages.ts';
export { createOrderMails, mailOrderStatusChanges } from './order-mails.ts';
export { signedMailer, withFooter, type MailSignature } from './footer.ts';
