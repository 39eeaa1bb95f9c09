// The one entry point to @peculiar/x509 in the main process. Its dependency tsyringe needs a Reflect metadata
// polyfill loaded first; importing the library through this module guarantees that order.
import 'reflect-metadata';

export {
  Extension,
  Pkcs10CertificateRequestGenerator,
  X509Certificate as PeculiarCertificate,
  X509CertificateGenerator,
} from '@peculiar/x509';
