/// Internal module: streaming gzip/tar reading and digests shared by ReleaseSpec and StemcellSpec.
///
/// Everything here is `package`-visible only: ``ByteSource`` (files, memory, tar entries), ``GzipReader``
/// (system zlib), ``TarReader`` (ustar, GNU long names, pax headers; unsafe paths refused),
/// ``DigestHasher`` and ``MultipleDigest`` (system OpenSSL), ``TarExtractor`` and the small writers the tests
/// and benchmarks use to generate archives.
package enum BoshArchive {
    /// The size of the buffers the readers use.
    package static let bufferSize = 256 * 1024
}
