#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/bn.h>
#include <openssl/rsa.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/rand.h>
#include <openssl/err.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>

/* Functions for C macros Swift cannot import. */
static inline long boshkit_BIO_get_mem_data(BIO *b, char **pp) { return BIO_get_mem_data(b, pp); }
static inline int boshkit_BN_num_bytes(const BIGNUM *bn) { return BN_num_bytes(bn); }
static inline void boshkit_OPENSSL_free(void *p) { OPENSSL_free(p); }
