package io.crossbarlab.app.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The per-owner quota on uploads ({@code crossbar.quotas.upload-bytes}, beside the job quotas): the
 * upload sizes of the data set names an owner has created, added up. Past it an upload is a 403
 * problem and nothing is stored.
 *
 * @param uploadBytes bytes of uploads an owner may have stored; empty: 10 GB
 */
@ConfigurationProperties("crossbar.quotas")
public record UploadQuotaSettings(DataSize uploadBytes) {

    public UploadQuotaSettings {
        uploadBytes = uploadBytes == null ? DataSize.ofGigabytes(10) : uploadBytes;
    }
}
