//! HTTPS for [`serve`](super::serve) (feature `tls`): a certificate chain
//! and its private key, read from PEM files ([`TlsConfig`]), served with
//! rustls (the `ring` provider, as the client's reqwest uses), TLS 1.2 and
//! 1.3, HTTP/1.1 announced by ALPN.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls;
use tokio_rustls::TlsAcceptor;

/// The certificate and key a server presents.
#[derive(Clone)]
pub struct TlsConfig {
    config: Arc<rustls::ServerConfig>,
}

impl fmt::Debug for TlsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsConfig").finish_non_exhaustive()
    }
}

/// Why a [`TlsConfig`] could not be made.
#[derive(Debug)]
#[non_exhaustive]
pub enum TlsError {
    /// The certificate file has no certificate or cannot be read.
    Certificate(String),
    /// The key file has no private key or cannot be read.
    Key(String),
    /// rustls refused the pair (a key that is not the certificate's).
    Rustls(rustls::Error),
}

impl fmt::Display for TlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TlsError::Certificate(reason) => write!(f, "TLS certificate: {reason}"),
            TlsError::Key(reason) => write!(f, "TLS private key: {reason}"),
            TlsError::Rustls(error) => write!(f, "TLS configuration: {error}"),
        }
    }
}

impl std::error::Error for TlsError {}

impl TlsConfig {
    /// The certificate chain of `certificate` (PEM, the server's first) and
    /// the private key of `key` (PEM: PKCS#8, PKCS#1 or SEC1).
    pub fn from_pem_files(
        certificate: impl AsRef<Path>,
        key: impl AsRef<Path>,
    ) -> Result<Self, TlsError> {
        let (certificate, key) = (certificate.as_ref(), key.as_ref());
        let chain = CertificateDer::pem_file_iter(certificate)
            .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
            .map_err(|e| TlsError::Certificate(format!("{}: {e}", certificate.display())))?;
        if chain.is_empty() {
            return Err(TlsError::Certificate(format!(
                "{}: no certificate",
                certificate.display()
            )));
        }
        let key = PrivateKeyDer::from_pem_file(key)
            .map_err(|e| TlsError::Key(format!("{}: {e}", key.display())))?;
        Self::new(chain, key)
    }

    /// A certificate chain (the server's first) and its private key.
    pub fn new(
        chain: Vec<CertificateDer<'static>>,
        key: PrivateKeyDer<'static>,
    ) -> Result<Self, TlsError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(TlsError::Rustls)?
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .map_err(TlsError::Rustls)?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(TlsConfig {
            config: Arc::new(config),
        })
    }

    pub(super) fn acceptor(self) -> TlsAcceptor {
        TlsAcceptor::from(self.config)
    }
}
