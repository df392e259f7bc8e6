/// Internal module: streaming gzip/tar reading and digests shared by ReleaseSpec and StemcellSpec.
package enum BoshArchive {}
