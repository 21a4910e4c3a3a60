package com.tanfang.scheme;

import com.tanfang.message.InvalidException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static com.tanfang.scheme.AnswerType.LIKERT_5;
import static com.tanfang.scheme.AnswerType.YES_NO;
import static com.tanfang.scheme.Method.COVERT_VISIT;
import static com.tanfang.scheme.Method.CUSTOMER_SURVEY;
import static com.tanfang.scheme.Method.MANAGEMENT_AUDIT;
import static com.tanfang.scheme.Method.OPEN_INSPECTION;

/**
 * The schemes shipped with the product; this class is their single source of truth (export them with
 * {@link SchemeDocuments#toDocument(Scheme)}). Every one passes {@link SchemeValidator}.
 * Product decisions where the sources are silent (BRIEF §6) are stated on each factory.
 */
public final class BuiltInSchemes {
    private BuiltInSchemes() {}

    public static final String GBT27922 = "gbt27922-after-sales";
    public static final String PROPERTY = "property-management";
    public static final String HOMESTAY = "homestay-deqing";
    public static final String ELDERLY_CARE = "elderly-care";
    public static final String BUS_LINE = "bus-line-covert-ride";
    public static final String ROBOT_PLATFORM = "robot-platform-maturity";
    public static final String SCENIC_AREA = "scenic-area";

    public static List<SchemeDocument> documents() {
        return List.of(gbt27922Document(), propertyDocument(), homestayDocument(), elderlyCareDocument(), busLineDocument(),
                robotPlatformDocument(), scenicAreaDocument());
    }

    public static List<Scheme> all() {
        return documents().stream().map(d -> SchemeValidator.validate(d).orThrow()).toList();
    }

    public static Scheme gbt27922() {
        return SchemeValidator.validate(gbt27922Document()).orThrow();
    }

    public static Scheme propertyManagement() {
        return SchemeValidator.validate(propertyDocument()).orThrow();
    }

    public static Scheme homestay() {
        return SchemeValidator.validate(homestayDocument()).orThrow();
    }

    public static Scheme elderlyCare() {
        return SchemeValidator.validate(elderlyCareDocument()).orThrow();
    }

    public static Scheme busLine() {
        return SchemeValidator.validate(busLineDocument()).orThrow();
    }

    public static Scheme robotPlatform() {
        return SchemeValidator.validate(robotPlatformDocument()).orThrow();
    }

    public static Scheme scenicArea() {
        return SchemeValidator.validate(scenicAreaDocument()).orThrow();
    }

    /** The 004 grade table: 达标级 70, 三星级 80, 四星级 90, 五星级 95 (002 uses the same thresholds). */
    private static List<SchemeDocument.Grade> starGrades004() {
        return List.of(grade("compliant", "达标级", "Compliant", "70"), grade("three-star", "三星级", "Three-star", "80"),
                grade("four-star", "四星级", "Four-star", "90"), grade("five-star", "五星级", "Five-star", "95"));
    }

    /** 004 special rules: 1 point per deduction, bonus at most 1, five or more deduction items fail. */
    private static SchemeDocument.Special special004() {
        return new SchemeDocument.Special(BigDecimal.ONE, BigDecimal.ONE, new SchemeDocument.FailWhen(5, null));
    }

    /**
     * GB/T 27922-2011 after-sales service (004): 60 service + 40 management = 100, the 50 leaf items of
     * {@code schemes/gbt27922-items.csv}. Answers are maturity percentages (Appendix C bands). Service items
     * are inspected openly or by mystery shopper, management items audited. N/A only for 5.2.x items
     * (004 §6.1.5). The Likert mapping (LINEAR) is unused: no Likert items.
     */
    public static SchemeDocument gbt27922Document() {
        ItemTableCsv.Result csv;
        try (InputStream in = BuiltInSchemes.class.getResourceAsStream("/schemes/gbt27922-items.csv")) {
            if (in == null) {
                throw new IllegalStateException("schemes/gbt27922-items.csv is not on the classpath");
            }
            csv = ItemTableCsv.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!csv.valid()) {
            throw new InvalidException(csv.problems());
        }
        List<SchemeDocument.Part> parts = csv.parts().stream().map(p -> {
            boolean service = p.key().equals("service");
            List<String> methods = service ? List.of(COVERT_VISIT.name(), OPEN_INSPECTION.name()) : List.of(MANAGEMENT_AUDIT.name());
            return new SchemeDocument.Part(p.key(), service ? "服务要求" : "管理要求",
                    service ? "Service requirements" : "Management requirements", p.points(), null,
                    p.groups().stream().map(g -> new SchemeDocument.Group(g.clause(), g.titleZh(), g.titleEn(), g.points(),
                            g.items().stream().map(i -> new SchemeDocument.Item(i.clause(), i.code(), i.points(),
                                    i.textZh(), i.textEn(), methods, AnswerType.PERCENT.name(),
                                    Scheme.notApplicableAllowedUnder(List.of("5.2"), i.clause()), null)).toList())).toList());
        }).toList();
        return new SchemeDocument(GBT27922, "商品售后服务评价（GB/T 27922-2011）", "After-sales service evaluation (GB/T 27922-2011)",
                "服务要求60分（服务特性检查，公开或神秘顾客）+ 管理要求40分（管理审核）；条款得分 = 成熟度百分比 × 分值。",
                "Service requirements 60 (service-characteristic inspection, open or mystery shopper) + management "
                        + "requirements 40 (management audit); item score = maturity percentage × item points.",
                new BigDecimal("100"), new SchemeDocument.Likert("LINEAR", null), special004(), List.of("5.2"),
                starGrades004(), parts);
    }

    /**
     * Property management (001 reference workflow): service-characteristic evaluation of the six areas
     * (70 points, two auditors score separately and the engine averages) + customer perception survey
     * (30 points, one item per area plus overall satisfaction). Likert LINEAR: (answer-1)/4. Observable
     * facts (lift certificate, emergency lights, fee notices) are yes/no. Special services and the survey
     * item about them may be N/A (not every estate offers them). 004 grades and special rules.
     */
    public static SchemeDocument propertyDocument() {
        Method[] open = {OPEN_INSPECTION};
        Method[] both = {COVERT_VISIT, OPEN_INSPECTION};
        Method[] covert = {COVERT_VISIT};
        Method[] survey = {CUSTOMER_SURVEY};
        // records and plans: inspected openly or confirmed in the management audit (document review, interviews)
        Method[] records = {OPEN_INSPECTION, MANAGEMENT_AUDIT};
        SchemeDocument.Part service = part("service", "服务特性测评", "Service-characteristic evaluation", "70", null,
                group("1", "客户服务", "Customer service", "12",
                        item("1.1", "P1", "3", "服务中心公示服务内容、收费标准、投诉电话和办理时限", "Service centre displays services, fees, complaint hotline and time limits", LIKERT_5, false, open),
                        item("1.2", "P2", "5", "前台接待礼貌规范，报事报修及时登记、跟踪并回访", "Front desk is courteous; requests and repairs are logged, tracked and followed up", LIKERT_5, false, both),
                        item("1.3", "P3", "4", "投诉在承诺时限内处理并答复业主", "Complaints are handled and answered within the promised time", LIKERT_5, false, open)),
                group("2", "环境卫生", "Environment and sanitation", "12",
                        item("2.1", "P4", "4", "楼道、电梯轿厢和公共区域清洁无杂物", "Stairwells, lift cars and common areas are clean and uncluttered", LIKERT_5, false, both),
                        item("2.2", "P5", "4", "垃圾分类收集，垃圾桶周边无散落垃圾", "Waste is sorted; no rubbish lies beside the bins", LIKERT_5, false, both),
                        item("2.3", "P6", "4", "绿化养护良好，无枯死、裸土和病虫害", "Green areas are kept: no dead plants, bare soil or pests", LIKERT_5, false, open)),
                group("3", "房屋及共用设施设备", "Buildings and shared facilities", "12",
                        item("3.1", "P7", "4", "外墙、停车场墙面和公共部位无破损、脱落", "Facades, car-park walls and common parts show no damage or peeling", LIKERT_5, false, open),
                        item("3.2", "P8", "4", "电梯运行正常，年检合格证在有效期内并公示", "Lifts run normally and a valid inspection certificate is displayed", YES_NO, false, open),
                        item("3.3", "P9", "4", "公共照明、门禁和楼宇对讲完好", "Common lighting, access control and intercoms work", LIKERT_5, false, both)),
                group("4", "公共秩序与应急", "Safety and emergency", "14",
                        item("4.1", "P10", "5", "疏散指示和应急照明完好，消防通道畅通", "Evacuation signs and emergency lights work; fire lanes are clear", YES_NO, false, both),
                        item("4.2", "P11", "3", "门岗对外来人员和车辆进行登记管理", "Gate staff register visitors and vehicles", LIKERT_5, false, covert),
                        item("4.3", "P12", "3", "消防设施定期检查，记录完整", "Fire equipment is inspected regularly and the records are complete", YES_NO, false, records),
                        item("4.4", "P13", "3", "有应急预案并定期演练，员工熟悉处置流程", "Emergency plans are drilled regularly; staff know the procedure", LIKERT_5, false, records)),
                group("5", "综合管理", "Overall management", "10",
                        item("5.1", "P14", "3", "服务人员着装统一、佩戴工牌、持证上岗", "Staff wear uniforms and badges and hold the required certificates", LIKERT_5, false, both),
                        item("5.2", "P15", "4", "定期公示物业服务费收支和公共收益", "Service-fee accounts and common income are published regularly", YES_NO, false, records),
                        item("5.3", "P16", "3", "服务档案和设施设备台账完整", "Service files and equipment ledgers are complete", LIKERT_5, false, records)),
                group("6", "特约服务", "Special services", "10",
                        item("6.1", "P17", "4", "特约服务（如接送儿童上学）有专项计划和安全措施", "Special services (e.g. escorting children to school) have their own plan and safety measures", LIKERT_5, true, open),
                        item("6.2", "P18", "3", "特约服务按约定的时间和质量完成", "Special services are delivered on time and as agreed", LIKERT_5, true, both),
                        item("6.3", "P19", "3", "特约服务明码标价", "Special-service prices are displayed", YES_NO, true, open)));
        SchemeDocument.Part customers = part("survey", "顾客感知调查", "Customer perception survey", "30", null,
                group("7", "顾客满意度", "Customer satisfaction", "30",
                        item("7.1", "S1", "4", "您对客户服务的满意程度", "How satisfied are you with customer service?", LIKERT_5, false, survey),
                        item("7.2", "S2", "4", "您对环境卫生的满意程度", "How satisfied are you with cleanliness and the environment?", LIKERT_5, false, survey),
                        item("7.3", "S3", "4", "您对房屋及共用设施设备维护的满意程度", "How satisfied are you with the upkeep of buildings and shared facilities?", LIKERT_5, false, survey),
                        item("7.4", "S4", "4", "您对公共秩序与安全的满意程度", "How satisfied are you with order and safety?", LIKERT_5, false, survey),
                        item("7.5", "S5", "4", "您对物业综合管理的满意程度", "How satisfied are you with the overall management?", LIKERT_5, false, survey),
                        item("7.6", "S6", "4", "您对特约服务的满意程度（未使用可选不涉及）", "How satisfied are you with special services (N/A if not used)?", LIKERT_5, true, survey),
                        item("7.7", "S7", "6", "您对物业服务的总体满意程度", "Overall, how satisfied are you with the property service?", LIKERT_5, false, survey)));
        return new SchemeDocument(PROPERTY, "物业服务认证", "Property management service certification",
                "公开服务特性测评 + 顾客感知调查（线上扫码 + 线下访谈）。", "Open service-characteristic evaluation + customer perception survey (online QR code + face-to-face).",
                new BigDecimal("100"), new SchemeDocument.Likert("LINEAR", null), special004(), List.of(),
                starGrades004(), List.of(service, customers));
    }

    /**
     * Homestay, Deqing scheme (001:L61): service and management each out of 100; full marks 200 (the two
     * parts side by side, not rescaled). Both parts must reach 70 % (= 70 of 100). Likert LINEAR:
     * service answers are the experience coefficient (体验系数), management answers the maturity
     * coefficient (成熟度系数). The two parts are <b>reported separately</b> (no 200-point total: the source
     * scores them side by side), each on its own 100. Eight service dimensions: the five named ones (接待, 客房, 餐饮, 出行, 离店)
     * plus three chosen from the mystery-guest touchpoints (001:L1610): 预订 booking, 管家服务 host/butler
     * service and 公共空间 shared spaces. Diamonds by conditions on both parts (product decision, the source
     * names three levels but no thresholds): 三钻 both parts ≥ 70 %, 四钻 both ≥ 80 %, 五钻 both ≥ 90 % (the
     * 70/80/90 steps of 004). No special deductions fail; no bonus (there is no total to add it to).
     */
    public static SchemeDocument homestayDocument() {
        Method[] covert = {COVERT_VISIT};
        Method[] audit = {MANAGEMENT_AUDIT};
        SchemeDocument.Part service = part("service", "服务（神秘住客体验）", "Service (mystery-guest stay)", "100", "70",
                group("S1", "预订", "Booking", "10",
                        item("S1.1", "H1", "5", "预订渠道畅通，房型、价格和政策说明清楚", "Booking channels work; room types, prices and policies are clear", LIKERT_5, false, covert),
                        item("S1.2", "H2", "5", "预订确认及时，入住前主动提供交通和停车指引", "Booking confirmed promptly; directions and parking guidance sent before arrival", LIKERT_5, false, covert)),
                group("S2", "接待", "Reception", "15",
                        item("S2.1", "H3", "5", "主动迎客，入住手续快捷，证件登记合规", "Guests are welcomed; check-in is quick and ID registration lawful", LIKERT_5, false, covert),
                        item("S2.2", "H4", "5", "协助搬运行李，介绍房间设施和周边", "Help with luggage; room facilities and surroundings explained", LIKERT_5, false, covert),
                        item("S2.3", "H5", "5", "停车引导清晰，车位安全", "Clear parking guidance and safe parking", LIKERT_5, false, covert)),
                group("S3", "客房", "Guest rooms", "20",
                        item("S3.1", "H6", "10", "客房和卫生间清洁无异味，布草一客一换", "Room and bathroom clean and odour-free; linen changed for every guest", LIKERT_5, false, covert),
                        item("S3.2", "H7", "5", "设施设备完好，热水、网络、空调正常", "Facilities work: hot water, network, air conditioning", LIKERT_5, false, covert),
                        item("S3.3", "H8", "3", "隔音、遮光和睡眠环境良好", "Good sound insulation, blackout and sleeping comfort", LIKERT_5, false, covert),
                        item("S3.4", "H9", "2", "客房安全提示和应急疏散图完整", "Safety notices and evacuation map in the room", LIKERT_5, false, covert)),
                group("S4", "餐饮", "Catering", "15",
                        item("S4.1", "H10", "5", "早餐品种适宜，体现当地特色", "Breakfast suitable and showing local specialities", LIKERT_5, true, covert),
                        item("S4.2", "H11", "5", "餐具消毒，食品卫生和留样规范", "Tableware sterilised; food hygiene and sample keeping proper", LIKERT_5, true, covert),
                        item("S4.3", "H12", "5", "餐饮服务热情及时，价格明示", "Catering service friendly and prompt; prices displayed", LIKERT_5, true, covert)),
                group("S5", "出行", "Outings", "10",
                        item("S5.1", "H13", "5", "提供周边游览、交通和特色活动建议", "Advice on sights, transport and local activities", LIKERT_5, false, covert),
                        item("S5.2", "H14", "5", "协助预约交通工具或活动，安全提示到位", "Help booking transport or activities, with safety advice", LIKERT_5, false, covert)),
                group("S6", "管家服务", "Host / butler service", "10",
                        item("S6.1", "H15", "5", "管家（主人）随时可联系，及时响应需求", "The host can be reached at any time and responds promptly", LIKERT_5, false, covert),
                        item("S6.2", "H16", "5", "主动提供个性化建议和帮助", "Personal advice and help offered proactively", LIKERT_5, false, covert)),
                group("S7", "公共空间", "Shared spaces", "10",
                        item("S7.1", "H17", "5", "公共区域整洁、舒适，照明充足", "Shared areas tidy, comfortable and well lit", LIKERT_5, false, covert),
                        item("S7.2", "H18", "5", "庭院、公共活动设施安全可用", "Courtyard and shared facilities safe and usable", LIKERT_5, false, covert)),
                group("S8", "离店", "Departure", "10",
                        item("S8.1", "H19", "5", "退房快捷，账单准确，可开具发票", "Quick check-out, accurate bill, invoice available", LIKERT_5, false, covert),
                        item("S8.2", "H20", "5", "送别礼貌，征询意见", "Courteous farewell; feedback invited", LIKERT_5, false, covert)));
        SchemeDocument.Part management = part("management", "管理", "Management", "100", "70",
                group("M1", "证照与安全", "Licences and safety", "25",
                        item("M1.1", "H21", "10", "证照齐全有效，消防、治安、食品安全符合要求", "Valid licences; fire, public-security and food-safety rules met", LIKERT_5, false, audit),
                        item("M1.2", "H22", "10", "安全管理制度和应急预案落实，定期检查", "Safety rules and emergency plans applied and checked regularly", LIKERT_5, false, audit),
                        item("M1.3", "H23", "5", "住客信息登记和隐私保护规范", "Guest registration and privacy protection proper", LIKERT_5, false, audit)),
                group("M2", "卫生管理", "Hygiene", "20",
                        item("M2.1", "H24", "10", "清洁消毒流程和记录完整", "Cleaning and disinfection procedures and records complete", LIKERT_5, false, audit),
                        item("M2.2", "H25", "10", "布草洗涤和更换管理规范", "Linen washing and changing managed properly", LIKERT_5, false, audit)),
                group("M3", "人员与培训", "Staff and training", "20",
                        item("M3.1", "H26", "10", "从业人员健康证和岗位培训齐全", "Staff health certificates and job training complete", LIKERT_5, false, audit),
                        item("M3.2", "H27", "10", "服务规范和礼仪定期培训与考核", "Regular training and assessment in service standards and etiquette", LIKERT_5, false, audit)),
                group("M4", "服务规范", "Service standards", "20",
                        item("M4.1", "H28", "10", "制定服务标准和操作流程并执行", "Service standards and procedures written and applied", LIKERT_5, false, audit),
                        item("M4.2", "H29", "5", "价格公示和收费管理规范", "Prices published; charging managed properly", LIKERT_5, false, audit),
                        item("M4.3", "H30", "5", "特色文化和在地资源融入服务", "Local culture and resources built into the service", LIKERT_5, false, audit)),
                group("M5", "顾客反馈与改进", "Feedback and improvement", "15",
                        item("M5.1", "H31", "10", "收集住客评价，投诉及时处理并改进", "Guest reviews collected; complaints handled and acted on", LIKERT_5, false, audit),
                        item("M5.2", "H32", "3", "定期自查和对标改进", "Regular self-checks and benchmarking", LIKERT_5, false, audit),
                        item("M5.3", "H33", "2", "经营数据和服务记录存档", "Business data and service records archived", LIKERT_5, false, audit)));
        return new SchemeDocument(HOMESTAY, "民宿服务认证（德清）", "Homestay service certification (Deqing)",
                "神秘住客体验 + 对标；服务与管理各100分，均需达到70分。", "Mystery-guest stay + benchmarking; service and management each out of 100, both must reach 70.",
                new BigDecimal("200"), new SchemeDocument.Likert("LINEAR", null),
                new SchemeDocument.Special(BigDecimal.ONE, BigDecimal.ZERO, null), List.of(),
                List.of(bothParts("three-diamond", "三钻", "Three diamonds", "70"), bothParts("four-diamond", "四钻", "Four diamonds", "80"),
                        bothParts("five-diamond", "五钻", "Five diamonds", "90")),
                List.of(service, management), Scheme.Reporting.PARTS_SEPARATELY.name(), null, null, null);
    }

    /**
     * Elderly care (001:L1381): management audit 15 + service characteristics 85 = 100. The management
     * audit comes first and must pass (product decision: 70 % of its 15 points); only then is the service part
     * evaluated ({@code gatedBy}, 001:L1391), else it is "not evaluated". Likert LINEAR clause by clause;
     * yes/no items all or nothing (several ratings: by majority, {@link Combination.YesNoRule#MAJORITY}). Service groups are Weifang's five
     * characteristics (function, safety, quality, conformity, value). Grades 一星 60 … 五星 95
     * (14.8 + 82.9 = 97.7 is five-star). 004 special rules.
     */
    public static SchemeDocument elderlyCareDocument() {
        Method[] audit = {MANAGEMENT_AUDIT};
        Method[] observe = {OPEN_INSPECTION};
        Method[] all = {OPEN_INSPECTION, CUSTOMER_SURVEY, COVERT_VISIT};
        SchemeDocument.Part management = part("management", "服务管理", "Service management", "15", "70",
                group("1", "管理体系", "Management system", "15",
                        item("1.1", "E1", "4", "机构资质、服务范围和收费标准合法并公示", "Licence, service scope and fees lawful and displayed", LIKERT_5, false, audit),
                        item("1.2", "E2", "4", "服务规范、岗位职责和操作流程完整", "Service standards, duties and procedures complete", LIKERT_5, false, audit),
                        item("1.3", "E3", "3", "与老人或家属签订服务协议", "Service agreements signed with residents or families", YES_NO, false, audit),
                        item("1.4", "E4", "2", "护理员持证上岗并定期培训", "Carers certified and trained regularly", LIKERT_5, false, audit),
                        item("1.5", "E5", "2", "建立老人健康档案和服务记录", "Health files and service records kept for every resident", YES_NO, false, audit)));
        SchemeDocument.Part service = gated(part("service", "服务特性", "Service characteristics", "85", null,
                group("2", "功能性", "Function", "20",
                        item("2.1", "E6", "8", "生活照料满足老人需求（起居、饮食、清洁）", "Daily care meets residents' needs (rising, meals, hygiene)", LIKERT_5, false, all),
                        item("2.2", "E7", "6", "提供康复、文娱和精神慰藉服务", "Rehabilitation, recreation and companionship offered", LIKERT_5, false, all),
                        item("2.3", "E8", "6", "医疗服务或就医绿色通道可用", "Medical care or a fast track to hospital available", YES_NO, false, observe)),
                group("3", "安全性", "Safety", "20",
                        item("3.1", "E9", "8", "防跌倒、防走失措施落实", "Fall and wandering prevention in place", LIKERT_5, false, all),
                        item("3.2", "E10", "6", "消防设施完好，疏散通道畅通", "Fire equipment works; escape routes clear", YES_NO, false, observe),
                        item("3.3", "E11", "6", "呼叫装置在床头和卫生间可用", "Call buttons work at bedsides and in bathrooms", YES_NO, false, observe)),
                group("4", "质量", "Quality", "20",
                        item("4.1", "E12", "8", "护理服务及时、规范，老人满意", "Care timely and proper; residents satisfied", LIKERT_5, false, all),
                        item("4.2", "E13", "6", "膳食营养均衡，适合老人", "Meals balanced and suited to older people", LIKERT_5, false, all),
                        item("4.3", "E14", "3", "环境整洁无异味", "Premises clean and odour-free", LIKERT_5, false, all),
                        item("4.4", "E15", "3", "护理员对老人态度亲切、尊重", "Carers are kind and respectful", LIKERT_5, false, all)),
                group("5", "符合性", "Conformity", "15",
                        item("5.1", "E16", "8", "服务内容与协议和公示一致", "Services delivered as agreed and displayed", LIKERT_5, false, all),
                        item("5.2", "E17", "5", "护理等级评估与实际服务相符", "Care-level assessment matches the care given", LIKERT_5, false, observe),
                        item("5.3", "E18", "2", "服务记录真实完整", "Service records true and complete", LIKERT_5, false, observe)),
                group("6", "经济性", "Value", "10",
                        item("6.1", "E19", "6", "收费合理透明，无额外收费", "Fees fair and transparent; no hidden charges", LIKERT_5, false, all),
                        item("6.2", "E20", "3", "费用清单定期告知老人或家属", "Fee statements given regularly", LIKERT_5, false, all),
                        item("6.3", "E21", "1", "退费规则明示", "Refund rules displayed", YES_NO, false, observe))), "management");
        return new SchemeDocument(ELDERLY_CARE, "养老机构服务认证", "Elderly care service certification",
                "先管理审核（15分），通过后进行服务特性评价（85分）：观察、访谈和暗访，逐条李克特五级评分。",
                "Management audit first (15); if it passes, service-characteristic evaluation (85) by observation, interviews and covert visits, Likert clause by clause.",
                new BigDecimal("100"), new SchemeDocument.Likert("LINEAR", null), special004(), List.of(),
                List.of(grade("one-star", "一星级", "One-star", "60"), grade("two-star", "二星级", "Two-star", "70"),
                        grade("three-star", "三星级", "Three-star", "80"), grade("four-star", "四星级", "Four-star", "90"),
                        grade("five-star", "五星级", "Five-star", "95")),
                List.of(management, service), null,
                new SchemeDocument.Combination(null, null, Combination.YesNoRule.MAJORITY.name()), null, null);
    }

    /**
     * Bus line covert ride (001:L2115): the eight observable behaviours (八个有), 12.5 points each, yes/no,
     * observed by covert riders; rides are averaged. Product decision: a serious safety violation seen on a
     * ride (e.g. phone use while driving) is a special deduction of 5 points, and more than 10 deducted
     * points fail; no bonus. Grades 达标 75 (six of eight), 良好 87.5 (seven of eight), 优秀 95.
     */
    public static SchemeDocument busLineDocument() {
        Method[] covert = {COVERT_VISIT};
        SchemeDocument.Part ride = part("ride", "暗访乘车", "Covert ride", "100", null,
                group("1", "八个有", "The eight observable behaviours", "100",
                        item("1.1", "BUS1", "12.5", "首站有迎客", "Passengers are welcomed at the first stop", YES_NO, false, covert),
                        item("1.2", "BUS2", "12.5", "上车有问候", "Boarding passengers are greeted", YES_NO, false, covert),
                        item("1.3", "BUS3", "12.5", "跑车有等候", "The driver waits for running passengers", YES_NO, false, covert),
                        item("1.4", "BUS4", "12.5", "特殊乘客有关照", "Special-needs passengers are cared for", YES_NO, false, covert),
                        item("1.5", "BUS5", "12.5", "行车有关注", "The driver pays attention to passengers during the ride", YES_NO, false, covert),
                        item("1.6", "BUS6", "12.5", "问询有回应", "Questions are answered", YES_NO, false, covert),
                        item("1.7", "BUS7", "12.5", "转弯有提醒", "Turns are announced", YES_NO, false, covert),
                        item("1.8", "BUS8", "12.5", "斑马线有礼让", "The bus gives way at zebra crossings", YES_NO, false, covert)));
        return new SchemeDocument(BUS_LINE, "公交线路暗访（八个有）", "Bus line covert ride (eight observable behaviours)",
                "市民监督员或审查员以普通乘客身份乘车，逐项记录。", "Citizen supervisors or auditors ride as ordinary passengers and record each behaviour.",
                new BigDecimal("100"), new SchemeDocument.Likert("LINEAR", null),
                new SchemeDocument.Special(new BigDecimal("5"), BigDecimal.ZERO, new SchemeDocument.FailWhen(null, new BigDecimal("10"))),
                List.of(),
                List.of(grade("compliant", "达标", "Compliant", "75"), grade("good", "良好", "Good", "87.5"),
                        grade("excellent", "优秀", "Excellent", "95")),
                List.of(ride));
    }

    /**
     * Robot R&amp;D and transfer platform (T/STIC 120052-2021, 001:L1297): management maturity by Appendix C,
     * 21 projects, <b>1000 points</b>, passed at 800; service characteristics by Appendix D, 16 indicators,
     * <b>100 points</b>, passed at 90. Two unlike scales, so the parts are reported separately and there is no
     * grade table: pass / fail (通过 / 不通过). Answers are maturity / attainment percentages. The standard's
     * project and indicator names are not in the sources: the items are numbered (C.1 … C.21, D.1 … D.16),
     * 19 projects of 50 points and 2 of 25; 12 indicators of 6 points and 4 of 7 (product decision). Reports print
     * 2 decimals HALF_UP (876.35, 90.60).
     */
    public static SchemeDocument robotPlatformDocument() {
        Method[] audit = {MANAGEMENT_AUDIT};
        Method[] inspect = {OPEN_INSPECTION};
        SchemeDocument.Item[] projects = new SchemeDocument.Item[21];
        for (int k = 1; k <= 21; k++) {
            projects[k - 1] = item("C." + k, "C" + k, k <= 19 ? "50" : "25", "管理成熟度评价项目 " + k,
                    "Management maturity project " + k, AnswerType.PERCENT, false, audit);
        }
        SchemeDocument.Item[] indicators = new SchemeDocument.Item[16];
        for (int k = 1; k <= 16; k++) {
            indicators[k - 1] = item("D." + k, "D" + k, k <= 12 ? "6" : "7", "服务特性指标 " + k,
                    "Service indicator " + k, AnswerType.PERCENT, false, inspect);
        }
        SchemeDocument.Part maturity = new SchemeDocument.Part("maturity", "管理要求成熟度（附录C）", "Management maturity (Appendix C)",
                new BigDecimal("1000"), null, List.of(group("C", "管理成熟度评价", "Management maturity evaluation", "1000", projects)),
                new BigDecimal("800"), null);
        SchemeDocument.Part service = new SchemeDocument.Part("service", "服务特性测评（附录D）", "Service characteristics (Appendix D)",
                new BigDecimal("100"), null, List.of(group("D", "服务特性指标评价", "Service indicator evaluation", "100", indicators)),
                new BigDecimal("90"), null);
        return new SchemeDocument(ROBOT_PLATFORM, "机器人研发与转化平台服务认证（T/STIC 120052-2021）",
                "Robot R&D and transfer platform service certification (T/STIC 120052-2021)",
                "管理要求成熟度满分1000分，800分及以上通过；服务特性测评满分100分，90分及以上通过；两部分分别报告。",
                "Management maturity out of 1000, passed at 800; service characteristics out of 100, passed at 90; the parts are reported separately.",
                new BigDecimal("1100"), new SchemeDocument.Likert("LINEAR", null),
                new SchemeDocument.Special(BigDecimal.ONE, BigDecimal.ZERO, null), List.of(), List.of(),
                List.of(maturity, service), Scheme.Reporting.PARTS_SEPARATELY.name(), null, null,
                new SchemeDocument.DisplayRule(2, "HALF_UP"));
    }

    /**
     * Large scenic area (the wetland-park audit of 001:L1099): service characteristics 60 (covert where a
     * visitor can experience it, open otherwise) + management 40 = 100, plus <b>itemised bonus items</b> (加分项)
     * worth up to 10: 100 + 10. A <b>veto item</b> (一票否决): a major safety accident within the year fails the
     * evaluation whatever the score. Special rules: 1 point per deduction, fail at 5 deductions or more than
     * 5 deducted points (both rules). Grades 达标 70, 良好 85, 优秀 100 (优秀 needs bonus points). Item
     * texts and points are a product example, not a published table.
     */
    public static SchemeDocument scenicAreaDocument() {
        Method[] covert = {COVERT_VISIT};
        Method[] open = {OPEN_INSPECTION};
        Method[] audit = {MANAGEMENT_AUDIT};
        SchemeDocument.Part service = part("service", "服务特性", "Service characteristics", "60", null,
                group("1", "游客服务", "Visitor service", "30",
                        item("1.1", "SC1", "10", "售票和入园快捷，价格明示", "Quick ticketing and entry; prices displayed", LIKERT_5, false, covert),
                        item("1.2", "SC2", "10", "讲解员讲解准确、生动", "Guides explain accurately and vividly", LIKERT_5, false, covert),
                        item("1.3", "SC3", "10", "游客咨询和投诉及时处理", "Visitor questions and complaints handled promptly", LIKERT_5, false, covert)),
                group("2", "环境与设施", "Environment and facilities", "30",
                        item("2.1", "SC4", "10", "标识系统清晰完整", "Signage clear and complete", YES_NO, false, open),
                        item("2.2", "SC5", "10", "厕所清洁，数量满足高峰需求", "Toilets clean and enough at peak times", LIKERT_5, false, covert),
                        item("2.3", "SC6", "10", "湿地资源保护措施落实", "Wetland protection measures in place", LIKERT_5, false, open)));
        SchemeDocument.Item accident = new SchemeDocument.Item("3.3", "SC9", BigDecimal.ZERO, "近一年未发生重大安全责任事故",
                "No major safety accident within the past year", List.of(MANAGEMENT_AUDIT.name()), YES_NO.name(), false, null,
                new SchemeDocument.Veto(false, "近一年发生重大安全责任事故", "a major safety accident within the past year"));
        SchemeDocument.Part management = part("management", "服务管理", "Service management", "40", null,
                group("3", "管理体系", "Management system", "40",
                        item("3.1", "SC7", "20", "服务质量管理制度健全并有效运行", "Service quality management in place and working", LIKERT_5, false, audit),
                        item("3.2", "SC8", "20", "安全管理和应急预案落实并定期演练", "Safety management and emergency plans applied and drilled", LIKERT_5, false, audit),
                        accident));
        SchemeDocument.BonusItems bonus = new SchemeDocument.BonusItems(BigDecimal.TEN, List.of(
                new SchemeDocument.BonusItem("B.1", "SCB1", new BigDecimal("4"), "提供智慧导览服务", "Smart guide service offered"),
                new SchemeDocument.BonusItem("B.2", "SCB2", new BigDecimal("3"), "常态化开展自然教育活动", "Regular nature-education activities"),
                new SchemeDocument.BonusItem("B.3", "SCB3", new BigDecimal("3"), "建立志愿者服务队伍", "A volunteer service team"),
                new SchemeDocument.BonusItem("B.4", "SCB4", new BigDecimal("2"), "近三年获得省级以上服务质量荣誉", "A provincial service-quality award within three years")));
        return new SchemeDocument(SCENIC_AREA, "旅游景区服务认证", "Scenic area service certification",
                "服务特性60分 + 服务管理40分 = 100分，另设加分项最多10分；发生重大安全责任事故一票否决。",
                "Service characteristics 60 + management 40 = 100, plus bonus items worth up to 10; a major safety accident is a veto.",
                new BigDecimal("100"), new SchemeDocument.Likert("LINEAR", null),
                new SchemeDocument.Special(BigDecimal.ONE, BigDecimal.ZERO, new SchemeDocument.FailWhen(5, new BigDecimal("5"))),
                List.of(), List.of(grade("compliant", "达标", "Compliant", "70"), grade("good", "良好", "Good", "85"),
                        grade("excellent", "优秀", "Excellent", "100")),
                List.of(service, management), null, null, bonus, null);
    }

    // --- terse builders for the tables above ---

    /** A grade reached when both parts (service, management) reach {@code percent}. */
    private static SchemeDocument.Grade bothParts(String key, String zh, String en, String percent) {
        BigDecimal p = new BigDecimal(percent);
        return new SchemeDocument.Grade(key, zh, en, null, List.of(new SchemeDocument.PartCondition("service", p, null),
                new SchemeDocument.PartCondition("management", p, null)));
    }

    private static SchemeDocument.Part gated(SchemeDocument.Part p, String gatedBy) {
        return new SchemeDocument.Part(p.key(), p.titleZh(), p.titleEn(), p.points(), p.passMinimum(), p.groups(),
                p.passMinimumPoints(), gatedBy);
    }

    private static SchemeDocument.Grade grade(String key, String zh, String en, String minimum) {
        return new SchemeDocument.Grade(key, zh, en, new BigDecimal(minimum));
    }

    private static SchemeDocument.Part part(String key, String zh, String en, String points, String passMinimum,
                                            SchemeDocument.Group... groups) {
        return new SchemeDocument.Part(key, zh, en, new BigDecimal(points),
                passMinimum == null ? null : new BigDecimal(passMinimum), List.of(groups));
    }

    private static SchemeDocument.Group group(String clause, String zh, String en, String points, SchemeDocument.Item... items) {
        return new SchemeDocument.Group(clause, zh, en, new BigDecimal(points), List.of(items));
    }

    private static SchemeDocument.Item item(String clause, String code, String points, String zh, String en,
                                            AnswerType type, boolean notApplicableAllowed, Method... methods) {
        return new SchemeDocument.Item(clause, code, new BigDecimal(points), zh, en,
                Arrays.stream(methods).map(Enum::name).toList(), type.name(), notApplicableAllowed, null);
    }
}
