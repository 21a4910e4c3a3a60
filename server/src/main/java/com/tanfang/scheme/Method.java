package com.tanfang.scheme;

/** How an item's evidence is collected (certification modes of 004 §6.4, as far as a checklist item needs them). */
public enum Method {
    /** Mystery shopper / covert tester (神秘顾客, 暗访). */
    COVERT_VISIT,
    /** Open service-characteristic inspection (公开测评). */
    OPEN_INSPECTION,
    /** Customer perception survey (顾客感知调查). */
    CUSTOMER_SURVEY,
    /** Service management audit: interviews, documents, records (服务管理审核). */
    MANAGEMENT_AUDIT,
    /** Capability confirmation (能力确认). */
    CAPABILITY_VERIFICATION
}
