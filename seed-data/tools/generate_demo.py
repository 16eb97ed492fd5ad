#!/usr/bin/env python3
"""Generate the demo district dataset seed-data/demo-district.json ("employment-dataset/1").

    python3 seed-data/tools/generate_demo.py [--out FILE]

Reads seed-data/taxonomy/*.csv (the only valid codes) and seed-data/divisions/jinjiang.json (the
streets of Chengdu's Jinjiang district with approximate centres) and writes a believable but wholly
fictional district: employers, positions, households and their members. Names, addresses and
resident ID numbers are invented (the ID numbers carry a correct GB 11643 check digit but belong to
nobody). Deterministic: a fixed random seed, no clock, no environment; re-running gives a
byte-identical file. Python 3.11 standard library only.
"""
import argparse
import csv
import datetime as dt
import json
import math
import random
from pathlib import Path

SEED = 20261124
AS_OF = dt.date(2026, 11, 24)
DIBAO_LINE, EDGE_LINE = 1000, 1500
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent  # seed-data/

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
EDUCATION = ["none", "primary", "junior", "senior", "vocational", "college", "bachelor"]
EDU_ZH = {"primary": "小学", "junior": "初中", "senior": "高中", "vocational": "中专/中职",
          "college": "大专", "bachelor": "本科"}

R = random.Random(SEED)


def load_csv(name):
    with open(ROOT / "taxonomy" / name, encoding="utf-8", newline="") as f:
        return {row["code"]: row for row in csv.DictReader(f)}


SKILLS = load_csv("skills.csv")
ACCOMMODATIONS = load_csv("accommodations.csv")
DEMANDS = load_csv("demands.csv")
DIV = json.loads((ROOT / "divisions" / "jinjiang.json").read_text(encoding="utf-8"))
STREETS = {s["name"]: s for s in DIV["streets"]}


def check(codes, table):
    for c in codes:
        if c not in table:
            raise SystemExit(f"generate_demo.py: {c!r} is not in the taxonomy")
    return list(codes)


# ---------------------------------------------------------------- places
# Plausible roads and residential compounds near each street (for addresses only; fictional mix).
ROADS = {
    "锦官驿街道": ["水井街", "滨江东路", "锦官驿街", "大安东路", "水津街"],
    "东湖街道": ["东湖街", "宏济路", "东光街", "菱窠路", "东湖南路"],
    "锦华路街道": ["锦华路一段", "锦华路二段", "静康路", "劼人路", "锦华中路"],
    "春熙路街道": ["春熙路", "红星路三段", "总府路", "中纱帽街", "大慈寺路", "东御街"],
    "书院街街道": ["书院西街", "天涯石北街", "红星路二段", "东大街", "书院南街"],
    "牛市口街道": ["牛市口路", "东大街牛市口段", "莲桂南路", "双桂路", "东安南路"],
    "沙河街道": ["静沙南路", "东风路", "沙河边街", "东光路", "通锦路"],
    "狮子山街道": ["狮子山路", "静安路", "川师路", "大观堰路", "狮子山北街"],
    "成龙路街道": ["成龙大道一段", "成龙大道二段", "锦绣大道", "柳江路", "驿都大道"],
    "柳江街道": ["柳江路", "锦江大道", "梨花街", "汇源南路", "柳江南路"],
    "三圣街道": ["三圣乡红砂村", "幸福梅林路", "江家堰路", "花乡大道", "三圣路"],
}
COMPOUNDS = ["锦绣家园", "东辰花园", "锦苑小区", "和美苑", "水岸新城", "桂花园", "阳光小区",
             "蜀都花园", "安居苑", "翠竹苑", "东湖佳苑", "锦城雅居", "怡心园", "南苑小区",
             "新华苑", "金沙湾", "春晓苑", "康乐小区", "福康苑", "梧桐院", "惠民小区", "丽景花园"]
# Weights: where positions concentrate (commercial centre) and where households live.
POS_WEIGHT = {"春熙路街道": 14, "书院街街道": 11, "锦官驿街道": 10, "牛市口街道": 11, "沙河街道": 9,
              "东湖街道": 9, "锦华路街道": 9, "狮子山街道": 9, "成龙路街道": 8, "柳江街道": 6, "三圣街道": 6}
HH_WEIGHT = {"春熙路街道": 6, "书院街街道": 9, "锦官驿街道": 9, "牛市口街道": 12, "沙河街道": 11,
             "东湖街道": 9, "锦华路街道": 8, "狮子山街道": 11, "成龙路街道": 10, "柳江街道": 8, "三圣街道": 7}
STREET_NAMES = [s["name"] for s in DIV["streets"]]


def wpick(weights):
    keys = list(weights)
    return R.choices(keys, weights=[weights[k] for k in keys])[0]


def jitter(street, max_km=1.2):
    s = STREETS[street]
    r = max_km * math.sqrt(R.random())
    a = R.random() * 2 * math.pi
    dlat = r * math.cos(a) / 111.2
    dlon = r * math.sin(a) / (111.2 * math.cos(math.radians(s["lat"])))
    return round(s["lat"] + dlat, 5), round(s["lon"] + dlon, 5)


def location(street, kind):
    lat, lon = jitter(street)
    road = R.choice(ROADS[street])
    if kind == "home":
        addr = f"锦江区{street}{road}{R.randint(1, 180)}号{R.choice(COMPOUNDS)}{R.randint(1, 12)}栋{R.randint(1, 4)}单元"
    elif kind == "compound":
        addr = f"锦江区{street}{road}{R.randint(1, 260)}号{R.choice(COMPOUNDS)}"
    else:
        addr = f"锦江区{street}{road}{R.randint(1, 260)}号"
    return {"lat": lat, "lon": lon, "address": addr, "divisionCode": STREETS[street]["code"]}


# ---------------------------------------------------------------- employers
def short(street):
    return street[:-2]  # 春熙路街道 -> 春熙路


EMPLOYERS = []  # dicts: id, name, publicSector, kind, street


def add_employer(name, kind, street, public=False):
    EMPLOYERS.append({"id": f"E-{len(EMPLOYERS) + 1:03d}", "name": name, "publicSector": public,
                      "kind": kind, "street": street})


def build_employers():
    for st in STREET_NAMES:
        add_employer(f"锦江区{st}办事处", "street_office", st, True)
    add_employer("锦江区城市管理局", "city_mgmt", "牛市口街道", True)
    add_employer("锦江区公园城市建设和城市更新局", "greening", "沙河街道", True)
    add_employer("锦江区交通协管服务中心", "traffic", "书院街街道", True)
    add_employer("锦江区残疾人联合会", "dpf", "锦华路街道", True)
    add_employer("锦江区民政局", "civil", "书院街街道", True)
    for st in ["牛市口街道", "沙河街道", "狮子山街道", "柳江街道"]:
        add_employer(f"锦江区{short(st)}社区卫生服务中心", "clinic", st, True)
    add_employer("锦江区社会福利院", "elder_home", "狮子山街道", True)
    private = [
        ("成都锦诚物业服务有限公司", "property", "春熙路街道"),
        ("成都安居乐物业管理有限公司", "property", "牛市口街道"),
        ("四川华府物业服务有限公司", "property", "东湖街道"),
        ("成都蓉馨物业服务有限公司", "property", "成龙路街道"),
        ("成都盾安保安服务有限公司", "security", "沙河街道"),
        ("四川卫蓉保安服务有限公司", "security", "锦官驿街道"),
        ("成都洁美保洁服务有限公司", "cleaning", "书院街街道"),
        ("成都净邦环境服务有限公司", "cleaning", "锦华路街道"),
        ("蜀味轩餐饮管理有限公司", "restaurant", "春熙路街道"),
        ("成都老码头餐饮有限公司", "restaurant", "锦官驿街道"),
        ("锦江区巷子里小面馆", "restaurant", "书院街街道"),
        ("成都川江号子火锅店", "restaurant", "牛市口街道"),
        ("成都好滋味团餐服务有限公司", "canteen", "成龙路街道"),
        ("成都谭记冒菜连锁店", "restaurant", "东湖街道"),
        ("成都锦里茶社", "teahouse", "锦官驿街道"),
        ("成都蓉城电商服务有限公司", "ecommerce", "锦华路街道"),
        ("成都云帆电子商务有限公司", "ecommerce", "成龙路街道"),
        ("四川蜀品优选网络科技有限公司", "ecommerce", "三圣街道"),
        ("成都数联信息技术有限公司", "data", "锦华路街道"),
        ("成都联声呼叫服务有限公司", "callcenter", "春熙路街道"),
        ("成都巧姐家政服务有限公司", "housekeeping", "牛市口街道"),
        ("成都安心家政服务有限公司", "housekeeping", "狮子山街道"),
        ("成都贝乐母婴护理中心", "housekeeping", "东湖街道"),
        ("成都捷运快递有限公司锦江分部", "courier", "沙河街道"),
        ("成都速达同城配送有限公司", "courier", "成龙路街道"),
        ("成都顺丰源仓储物流有限公司", "warehouse", "成龙路街道"),
        ("惠民生活超市（牛市口店）", "supermarket", "牛市口街道"),
        ("惠民生活超市（柳江店）", "supermarket", "柳江街道"),
        ("红旗连锁锦江便民店", "supermarket", "书院街街道"),
        ("成都鲜多多生鲜超市", "supermarket", "狮子山街道"),
        ("锦江区颐康养老院", "elder_home", "东湖街道"),
        ("成都福寿康养老服务中心", "elder_home", "柳江街道"),
        ("成都仁心医院陪护服务部", "care", "春熙路街道"),
        ("明心盲人按摩店", "blind_massage", "牛市口街道"),
        ("光明盲人推拿中心", "blind_massage", "沙河街道"),
        ("锦江区惠民盲人保健按摩院", "blind_massage", "春熙路街道"),
        ("锦华路足道养生馆", "massage", "锦华路街道"),
        ("蜀锦绣坊手工作坊", "craft", "锦官驿街道"),
        ("巧手缝纫工作室", "sewing", "牛市口街道"),
        ("成都锦绣服饰加工厂", "sewing", "成龙路街道"),
        ("三圣花乡竹编手工合作社", "craft", "三圣街道"),
        ("三圣花乡花卉园艺合作社", "flowers", "三圣街道"),
        ("成都绿源园林绿化工程有限公司", "landscape", "柳江街道"),
        ("成都洁丽洗衣连锁店", "laundry", "东湖街道"),
        ("成都车美洗车服务中心", "carwash", "狮子山街道"),
        ("成都阳光助残就业基地", "sheltered", "沙河街道"),
        ("成都锦江宾馆管理有限公司", "hotel", "锦官驿街道"),
        ("成都春熙商务酒店", "hotel", "春熙路街道"),
        ("成都优居装饰工程有限公司", "repair", "狮子山街道"),
        ("成都快修帮家电维修服务部", "repair", "牛市口街道"),
        ("成都易通网约车服务有限公司", "ride", "成龙路街道"),
        ("成都新视界广告设计工作室", "design", "书院街街道"),
        ("春熙路商圈商业管理有限公司", "mall", "春熙路街道"),
        ("成都丽人美发店", "salon", "书院街街道"),
    ]
    for name, kind, st in private:
        add_employer(name, kind, st)


def employers_of(kinds):
    return [e for e in EMPLOYERS if e["kind"] in kinds]


# ---------------------------------------------------------------- position templates
# Each: titles, employer kinds, count, wage range, hours choices, required-skill options,
# preferred-skill pool, demands (always), optional demands, accommodations (code: probability),
# age limits (min options, max options), education options, duties, flags.
def T(key, titles, kinds, n, wage, hours, req, pref, demands, opt_demands=(), acc=None, min_age=(None,),
      max_age=(None,), edu=(None,), duties=(), pw=False, remote=False, headcount=(1, 3), site="near",
      extra=()):
    return dict(key=key, titles=titles, kinds=kinds, n=n, wage=wage, hours=hours, req=req, pref=pref,
                demands=demands, opt_demands=opt_demands, acc=acc or {}, min_age=min_age, max_age=max_age,
                edu=edu, duties=duties, pw=pw, remote=remote, headcount=headcount, site=site, extra=extra)


TEMPLATES = [
    # ---- public-welfare positions (公益性岗位), employers are public bodies
    T("pw_clean", ["社区保洁员", "背街小巷保洁员", "道路保洁员", "公共区域保洁员"],
      ["street_office", "city_mgmt"], 15, (2100, 2400), [40, 40, 36], [["clean.basic"], []],
      ["clean.street", "clean.sanitize"], ["standing_long", "walking_long", "outdoor"], ["lifting_heavy"],
      {"flexible_hours": 0.4, "rest_breaks": 0.3, "job_coach": 0.15, "sign_language": 0.15,
       "large_print": 0.2},
      max_age=(55, 60, 60, None), pw=True, headcount=(2, 6), site="own",
      duties=["负责辖区背街小巷、院落及公共区域的日常清扫保洁", "及时清理垃圾桶周边散落垃圾，配合做好垃圾分类引导",
              "做好果皮箱、公共设施的擦拭", "遇雨雪天气配合开展积水、落叶清理"]),
    T("pw_green", ["绿化养护员", "公园绿地养护工", "社区绿化管护员"],
      ["greening", "street_office"], 10, (2100, 2600), [40, 44], [["green.maintain"], []],
      ["green.plant", "clean.street"], ["outdoor", "walking_long"], ["lifting_heavy", "climbing"],
      {"flexible_hours": 0.3, "rest_breaks": 0.3, "transport": 0.2}, max_age=(55, 60, None), pw=True,
      headcount=(2, 5), site="any",
      duties=["负责公园、道路绿化带的浇水、修剪、除草和病虫害防治", "补植花木、清理枯枝落叶", "做好绿化设施的日常巡查和简单维护",
              "配合完成节庆花卉摆放"]),
    T("pw_parking", ["停车协管员", "路边停车管理员", "背街停车秩序协管员"],
      ["city_mgmt", "street_office"], 9, (2100, 2500), [40, 42], [["prop.parking"], []],
      ["comm.traffic", "sec.guard"], ["outdoor", "standing_long"], ["speaking"],
      {"flexible_hours": 0.4, "seated_work": 0.25, "rest_breaks": 0.3}, max_age=(55, 60), pw=True,
      headcount=(1, 4), site="own",
      duties=["负责路段临时停车泊位的引导和秩序维护", "劝导乱停乱放车辆，协助执法人员做好记录", "使用手持终端登记车辆信息",
              "保持泊位区域整洁"]),
    T("pw_traffic", ["交通协管员", "路口文明劝导员", "交通秩序协管员"],
      ["traffic"], 8, (2200, 2700), [40, 44], [["comm.traffic"], []], ["prop.parking", "lang.mandarin"],
      ["outdoor", "standing_long", "speaking"], ["hearing"], {"rest_breaks": 0.3, "transport": 0.3},
      min_age=(18,), max_age=(50, 55), pw=True, headcount=(2, 6), site="any",
      duties=["在主要路口协助交警疏导交通", "劝导行人、非机动车遵守交通信号", "高峰时段维护公交站台秩序",
              "发现交通事故、设施损坏及时报告"]),
    T("pw_comm", ["社区服务协管员", "社区便民服务窗口协管员", "社区公共服务专干（公益性岗位）"],
      ["street_office", "civil"], 11, (2200, 2800), [40], [["comm.assist"], ["office.computer"]],
      ["office.data", "cs.face", "comm.social"], ["speaking", "reading_writing"], ["computer_use"],
      {"step_free_access": 0.6, "accessible_toilet": 0.5, "seated_work": 0.7, "large_print": 0.2,
       "sign_language": 0.1}, edu=("junior", "senior", None), pw=True, headcount=(1, 3), site="own",
      duties=["在社区党群服务中心窗口接待居民咨询", "协助办理社保、医保、居住证等便民事项", "整理录入社区居民信息台账",
              "协助开展社区活动和政策宣传"]),
    T("pw_grid", ["社区网格员", "网格化服务管理员"], ["street_office"], 4, (2300, 2900), [40],
      [["comm.grid"], []], ["comm.assist", "office.computer"], ["walking_long", "speaking", "reading_writing"],
      [], {"flexible_hours": 0.3}, max_age=(50, 55), edu=("junior", "senior"), pw=True, site="own",
      duties=["负责网格内入户走访，掌握人口、房屋、单位等基础信息", "排查安全隐患和矛盾纠纷并及时上报",
              "使用手机端系统采集和更新网格信息"]),
    T("pw_elder", ["居家养老助老员", "社区助老服务员"], ["street_office", "civil"], 3, (2100, 2500), [40, 30],
      [["care.elder"], ["care.hygiene"], []], ["house.keeping", "comm.social"], ["speaking", "walking_long"], [],
      {"flexible_hours": 0.6, "part_time": 0.3}, max_age=(55, 60), pw=True, headcount=(2, 4), site="own",
      duties=["定期上门探访辖区独居、空巢老人", "协助老人代购、代缴、陪同就医", "帮助老人做简单的家务和生活照料"]),
    T("pw_toilet", ["公厕管理保洁员", "公共厕所管护员"], ["city_mgmt"], 2, (2100, 2300), [42],
      [["clean.basic"], []], ["clean.sanitize"], ["standing_long"], [],
      {"seated_work": 0.5, "rest_breaks": 0.5, "sign_language": 0.3, "job_coach": 0.3}, max_age=(60,),
      pw=True, headcount=(1, 2), site="any",
      duties=["负责公厕内外的清洁消毒", "补充卫生纸、洗手液等用品", "发现设施损坏及时报修"]),
    # ---- remote
    T("rm_cs", ["网店客服（居家）", "淘宝云客服（居家办公）", "电商在线客服（可居家）", "网店售后客服（居家）"],
      ["ecommerce"], 12, (2300, 3800), [40, 40, 30, 44], [["cs.online", "office.typing"], ["cs.online"]],
      ["retail.ecom", "office.computer"], ["computer_use"], ["reading_writing"],
      {"screen_reader": 0.45, "flexible_hours": 0.6, "part_time": 0.25, "quiet_workspace": 0.2,
       "seated_work": 0.6, "large_print": 0.3},
      edu=("junior", "junior", "senior", None), remote=True, headcount=(2, 8),
      duties=["通过千牛、拼多多商家后台等在线接待顾客咨询", "处理订单查询、退换货和售后问题", "记录顾客反馈并汇总给运营",
              "按话术规范回复，保证响应时效"]),
    T("rm_data", ["数据录入员（居家）", "信息录入专员（远程）", "档案数字化录入员（居家）"],
      ["data", "dpf", "ecommerce"], 9, (2100, 3200), [40, 30, 24], [["office.data"], ["office.typing"]],
      ["office.excel", "office.computer"], ["computer_use", "reading_writing", "fine_vision"], [],
      {"flexible_hours": 0.7, "part_time": 0.4, "sign_language": 0.3, "quiet_workspace": 0.3, "large_print": 0.1,
       "seated_work": 0.6},
      edu=("junior", "senior", None), remote=True, headcount=(2, 6),
      duties=["根据扫描件录入表单、票据和档案信息", "核对数据准确性并按时提交", "完成简单的表格整理和分类",
              "按计件或计时结算，任务在线派发"]),
    T("rm_phone", ["电话回访专员（居家，视障友好）", "语音客服（居家办公）"], ["callcenter", "ecommerce"], 5,
      (2400, 3600), [40, 30], [["cs.phone"], []], ["office.computer", "lang.mandarin", "cs.online"],
      ["hearing", "speaking", "computer_use"], [],
      {"screen_reader": 1.0, "flexible_hours": 0.6, "part_time": 0.3, "seated_work": 0.5}, edu=("junior", None), remote=True,
      headcount=(2, 5),
      duties=["通过电话回访客户，记录满意度和意见", "解答客户关于订单和服务的常见问题", "使用读屏软件操作工单系统并登记结果",
              "公司提供耳麦和岗前培训"]),
    T("rm_craft", ["手工编织计件（居家）", "居家手工串珠加工", "蜀绣居家绣工（计件）"], ["craft", "sewing"], 4,
      (1800, 3000), [30, 24, 40], [["craft.hand"], ["craft.embroidery"], []], ["mfg.sewing", "craft.bamboo"],
      ["fine_motor"], ["fine_vision"], {"flexible_hours": 1.0, "part_time": 0.6, "quiet_workspace": 0.4,
                                        "sign_language": 0.3}, remote=True, headcount=(3, 10),
      duties=["在家完成编织、串珠或刺绣半成品加工", "作坊提供材料和样品，免费教学", "按件计酬，每周收发货一次",
              "工作时间自由安排"]),
    T("rm_media", ["短视频剪辑（居家）", "网店美工（远程）", "商品图片处理（居家兼职）"], ["ecommerce", "design"], 3,
      (2800, 5000), [40, 30], [["media.video"], ["media.design"]], ["office.computer", "media.live"],
      ["computer_use", "fine_vision", "color_vision"], [], {"flexible_hours": 0.8, "part_time": 0.4},
      edu=("senior", "vocational"), remote=True, headcount=(1, 2),
      duties=["按要求剪辑商品短视频、添加字幕", "处理商品主图和详情页图片", "配合运营完成店铺活动页面"]),
    # ---- property, cleaning, security
    T("clean", ["保洁员", "小区保洁员", "写字楼保洁员", "商场保洁员", "楼道保洁员"],
      ["property", "cleaning", "mall", "hotel"], 24, (2100, 2900), [40, 44, 48, 30],
      [["clean.basic"], ["clean.commercial"], []], ["clean.machine", "clean.sanitize"], ["standing_long"],
      ["walking_long", "lifting_heavy"], {"flexible_hours": 0.25, "part_time": 0.15, "sign_language": 0.15,
                                          "job_coach": 0.08, "rest_breaks": 0.15, "large_print": 0.15},
      max_age=(55, 58, 60, None), site="any", headcount=(1, 4),
      duties=["负责楼道、电梯厅、大堂等公共区域的清洁", "定时清运垃圾并做好分类", "玻璃、扶手、电梯轿厢擦拭",
              "商场营业期间卫生间的巡回保洁", "使用洗地机等清洁设备"]),
    T("guard", ["保安员", "小区门岗", "秩序维护员", "夜班保安"], ["property", "security", "mall", "clinic"], 18,
      (2500, 3800), [48, 56, 44], [["sec.guard"], []], ["cert.security", "sec.patrol", "sec.fire"],
      ["standing_long", "speaking"], ["night_shift", "walking_long", "hearing"], {"rest_breaks": 0.1},
      min_age=(18,), max_age=(50, 55, 58), site="any", headcount=(1, 4),
      duties=["负责小区出入口人员车辆登记和门岗值守", "按时巡逻，做好巡更记录", "协助处理突发事件和消防安全检查",
              "维护商场营业秩序，引导顾客"], extra=["提供免费住宿", "缴纳社保"]),
    T("monitor", ["监控室值班员", "消控室值班员"], ["property", "security", "mall"], 6, (2800, 3800), [48, 44],
      [["sec.monitor"], ["sec.fire"]], ["cert.fire", "office.computer"], ["fine_vision", "night_shift"], ["hearing"],
      {"seated_work": 1.0, "step_free_access": 0.5, "accessible_toilet": 0.3}, min_age=(18,), max_age=(55,),
      edu=("junior", "senior"),
      duties=["在监控中心值守，观察监控画面", "接听报警并及时通知巡逻人员", "填写值班日志，做好交接班"]),
    T("front", ["物业前台客服", "物业管家助理", "前台接待员"], ["property", "hotel", "clinic"], 10, (2600, 3800), [40, 44],
      [["prop.reception"], ["office.reception"], ["cs.face"]], ["office.computer", "lang.mandarin"],
      ["speaking", "reading_writing"], ["computer_use", "hearing"],
      {"seated_work": 0.8, "step_free_access": 0.5, "accessible_toilet": 0.4}, max_age=(40, 45),
      edu=("senior", "vocational"),
      duties=["接待业主来访，受理报修和投诉", "收取物业费并开具票据", "登记访客和快递信息", "跟进维修进度并回访"]),
    T("repair", ["物业维修工", "水电维修工", "家电维修师傅", "装修杂工"], ["property", "repair"], 12, (3500, 6000),
      [44, 48], [["prop.repair"], ["trade.elec", "cert.electrician"], ["trade.plumb"], ["trade.appliance"],
                 ["trade.decor"]], ["trade.plumb", "trade.elec", "trade.paint", "trade.tile"],
      ["lifting_heavy", "climbing"], ["fine_motor", "standing_long"], {}, min_age=(18,), max_age=(50, 55),
      duties=["负责小区公共设施的日常维修", "处理业主水电报修", "上门维修空调、洗衣机等家电", "完成简单的墙面修补和刷漆"]),
    # ---- catering
    T("kitchen", ["厨房帮工", "洗碗工", "后厨杂工", "食堂帮厨"], ["restaurant", "canteen", "hotel", "teahouse", "elder_home"], 23,
      (2200, 3300), [48, 44, 40, 30], [["food.helper"], ["food.dish"], []], ["cert.health", "food.prep"],
      ["standing_long"], ["lifting_heavy", "fine_motor"], {"sign_language": 0.25, "part_time": 0.15,
                                                          "job_coach": 0.1, "rest_breaks": 0.1, "large_print": 0.1},
      max_age=(50, 55, 58, None), site="any", headcount=(1, 3),
      duties=["负责餐具清洗消毒和厨房卫生", "协助厨师择菜、洗菜、备料", "收拾餐厅桌面，整理后厨物品", "需办理健康证，可协助办理"],
      extra=["包两餐", "包吃包住", "月休4天"]),
    T("prep", ["切配工", "中餐厨师", "面点师", "冒菜厨师"], ["restaurant", "canteen", "hotel"], 14, (3200, 6000),
      [48, 44], [["food.prep"], ["food.cook"], ["food.pastry"]], ["cert.health", "food.helper"],
      ["standing_long", "fine_motor"], ["lifting_heavy"], {}, min_age=(18,), max_age=(50, 55),
      duties=["负责菜品切配、腌制和装盘", "按菜单出品川菜家常菜", "制作包子、馒头、抄手等早餐面点", "保持灶台整洁，控制成本"],
      extra=["包吃", "月休4天"]),
    T("serve", ["餐厅服务员", "传菜员", "茶馆服务员", "火锅店服务员"], ["restaurant", "teahouse", "hotel"], 15,
      (2400, 3500), [48, 44, 30], [["food.serve"], []], ["cert.health", "retail.cashier"],
      ["standing_long", "walking_long", "speaking"], ["hearing"], {"part_time": 0.2},
      min_age=(16, 18), max_age=(40, 45, 50), site="any",
      duties=["负责迎宾、点单、上菜和餐后收台", "传菜并保持备餐区整洁", "为茶客添水、结账", "微笑服务，熟悉菜品"],
      extra=["包吃包住", "提成另计"]),
    # ---- logistics
    T("courier", ["快递员", "外卖骑手", "同城配送员", "快递收派员"], ["courier"], 16, (4000, 6000), [48, 56],
      [["log.courier"], ["food.delivery"], ["drive.ebike"]], ["drive.ebike", "lang.sichuan"],
      ["driving", "outdoor", "walking_long", "lifting_heavy"], [], {}, min_age=(18,), max_age=(45, 50),
      site="any", headcount=(2, 6),
      duties=["负责片区快递的收件和派送", "接单配送餐品，保证准时", "公司提供电动车或租车补贴", "多劳多得，按件计酬"]),
    T("sort", ["仓库分拣员", "电商仓打包员", "包装工", "装卸工", "理货分拣员"], ["warehouse", "ecommerce", "courier", "sheltered"], 18,
      (2600, 4800), [48, 44, 40], [["log.warehouse"], ["log.pack"], ["log.loading"], []],
      ["log.forklift", "cert.forklift", "retail.stock"], ["standing_long"],
      ["lifting_heavy", "fine_vision", "night_shift"],
      {"sign_language": 0.3, "seated_work": 0.25, "job_coach": 0.15, "transport": 0.2}, min_age=(18,),
      max_age=(50, 55, None), site="any", headcount=(2, 8),
      duties=["根据订单拣货、扫码、复核", "商品打包、贴面单", "负责货物装卸和码放", "配合盘点和库区整理"],
      extra=["提供工作餐", "计件工资"]),
    # ---- retail
    T("retail", ["超市收银员", "理货员", "生鲜区营业员", "便利店店员", "导购员"], ["supermarket", "mall"], 20,
      (2300, 3500), [44, 40, 30], [["retail.cashier"], ["retail.stock"], ["retail.sales"], []],
      ["cs.face", "office.cash"], ["standing_long"], ["speaking", "lifting_heavy", "fine_vision"],
      {"seated_work": 0.2, "part_time": 0.2, "job_coach": 0.12, "sign_language": 0.12,
       "step_free_access": 0.3, "accessible_toilet": 0.2}, min_age=(16, 18), max_age=(45, 50, 55),
      site="own", headcount=(1, 4),
      duties=["负责收银结账，熟练使用扫码设备", "补货上架、整理货架、检查保质期", "生鲜称重打价、保持台面整洁",
              "为顾客介绍商品，做好陈列"], extra=["五险", "节日福利"]),
    # ---- domestic and care
    T("house", ["家政服务员", "钟点工", "住家保姆", "育婴员", "月嫂"], ["housekeeping"], 18, (2800, 6000),
      [40, 30, 56], [["house.keeping"], ["care.infant"], ["care.maternity"], ["house.cook"]],
      ["cert.childcare", "house.cook", "care.hygiene"], ["standing_long"], ["lifting_heavy", "speaking"],
      {"flexible_hours": 0.5, "part_time": 0.3}, min_age=(20, 25), max_age=(50, 55), site="any",
      headcount=(2, 6),
      duties=["为雇主家庭提供日常保洁、做饭等服务", "照护0-3岁婴幼儿的饮食起居", "产妇和新生儿护理",
              "公司免费岗前培训，派单上门"], extra=["免费培训", "就近派单"]),
    T("elder", ["养老护理员", "护工", "病患陪护员", "康复助理"], ["elder_home", "care", "clinic"], 19, (3000, 5200),
      [44, 48, 56], [["care.elder"], ["care.patient"], ["care.hygiene"], ["care.rehab"]],
      ["cert.eldercare", "care.hygiene", "clean.sanitize"], ["lifting_heavy", "standing_long"],
      ["night_shift", "speaking"], {"rest_breaks": 0.2}, min_age=(18,), max_age=(50, 55, 58), site="own",
      headcount=(1, 5),
      duties=["负责老人的饮食、起居、清洁等生活照料", "协助翻身、助行和康复训练", "医院病房陪护患者，观察病情变化",
              "可参加养老护理员培训并考证"], extra=["包吃住", "考证补贴"]),
    # ---- massage and beauty
    T("massage_blind", ["盲人按摩师", "推拿保健师（视障优先）", "保健按摩师"], ["blind_massage"], 12, (2800, 5500),
      [44, 48, 40], [["beauty.massage"], ["beauty.massage", "cert.massage"]], ["cert.massage", "beauty.foot"],
      ["fine_motor", "standing_long"], ["speaking"],
      {"screen_reader": 0.85, "flexible_hours": 0.5, "rest_breaks": 0.5, "step_free_access": 0.2,
       "large_print": 0.3},
      min_age=(18,), site="own", headcount=(1, 3),
      duties=["为顾客提供推拿保健和颈肩腰腿按摩", "按技师排钟轮流上钟", "店内设施固定摆放，方便视障员工行走",
              "按顾客需求调整手法和力度"], extra=["包住宿", "底薪加提成"]),
    T("foot", ["足疗师", "养生馆技师"], ["massage"], 4, (3000, 6000), [48], [["beauty.foot"], ["beauty.massage"]],
      ["cert.massage"], ["fine_motor", "standing_long", "night_shift"], [], {}, min_age=(18,), max_age=(45,),
      duties=["为顾客提供足部护理和保健按摩", "无经验可带薪培训"]),
    T("salon", ["美发助理", "洗头工"], ["salon"], 3, (2400, 4000), [48], [["beauty.hair"], []], ["beauty.makeup"],
      ["standing_long", "speaking", "fine_motor"], [], {}, min_age=(16, 18), max_age=(35,),
      duties=["负责顾客洗发、吹风", "协助发型师做烫染", "包教包会"]),
    # ---- sewing and handicraft
    T("sewing", ["缝纫工", "平车工", "服装加工工人", "熨烫工"], ["sewing", "laundry"], 14, (2600, 4800), [44, 48, 40],
      [["mfg.sewing"], ["mfg.garment"], []], ["mfg.garment", "craft.embroidery"], ["fine_motor", "fine_vision"],
      ["standing_long"], {"seated_work": 0.85, "sign_language": 0.45, "step_free_access": 0.3,
                          "accessible_toilet": 0.2, "quiet_workspace": 0.2, "part_time": 0.15},
      min_age=(16, 18), max_age=(50, 55, None), site="own", headcount=(2, 6),
      duties=["使用平车、锁边机完成服装缝制", "改衣、缝补和窗帘加工", "衣物熨烫整形并打包",
              "按订单完成小批量加工，质量达标"], extra=["计件工资", "包午餐"]),
    T("craft", ["蜀绣绣工", "手工编织工", "竹编手艺人", "手工艺品包装工"], ["craft", "sheltered"], 10, (2000, 3800),
      [40, 30], [["craft.embroidery"], ["craft.hand"], ["craft.bamboo"], []], ["mfg.sewing", "log.pack"],
      ["fine_motor"], ["fine_vision"], {"seated_work": 1.0, "flexible_hours": 0.5, "sign_language": 0.35,
                                         "step_free_access": 0.4, "accessible_toilet": 0.3, "quiet_workspace": 0.4,
                                         "job_coach": 0.15}, site="own", headcount=(2, 6),
      duties=["在作坊内完成蜀绣、编织或竹编工艺品制作", "师傅带教，零基础可学", "按件计酬，多劳多得",
              "作品由合作社统一销售"]),
    # ---- office, call centre, clinic
    T("office", ["数据录入员", "档案整理员", "文员", "收费员"], ["clinic", "data", "dpf", "civil", "property"], 14,
      (2400, 4000), [40, 30], [["office.data"], ["office.archive"], ["office.computer"], ["office.cash"]],
      ["office.excel", "office.typing"], ["computer_use", "reading_writing"], ["fine_vision"],
      {"seated_work": 0.9, "step_free_access": 0.6, "accessible_toilet": 0.5, "adapted_workstation": 0.3,
       "quiet_workspace": 0.3, "large_print": 0.25, "part_time": 0.2, "sign_language": 0.2},
      edu=("junior", "senior", "vocational"), headcount=(1, 3), site="own",
      duties=["录入健康档案和门诊登记信息", "整理、装订、扫描纸质档案", "文件收发和表格统计", "门诊挂号收费"]),
    T("call", ["电话客服专员", "热线话务员", "预约登记员"], ["callcenter", "clinic"], 8, (2800, 4500), [40, 44],
      [["cs.phone"], []], ["office.computer", "lang.mandarin", "cs.online"], ["hearing", "speaking", "computer_use"],
      [], {"seated_work": 1.0, "screen_reader": 0.5, "step_free_access": 0.6, "accessible_toilet": 0.5,
           "flexible_hours": 0.3}, edu=("junior", "senior"), max_age=(45, 50), headcount=(2, 6), site="own",
      duties=["接听客户来电，解答业务咨询", "电话预约登记和提醒回访", "在系统中记录工单", "普通话标准，口齿清楚"]),
    T("guide", ["导诊员", "志愿服务协管员", "便民服务窗口人员"], ["clinic", "dpf"], 6, (2300, 3200), [40],
      [["cs.face"], []], ["office.reception", "comm.social"], ["speaking", "standing_long"], ["hearing"],
      {"step_free_access": 0.7, "accessible_toilet": 0.6, "flexible_hours": 0.3, "large_print": 0.4}, max_age=(50,),
      edu=("junior",), site="own",
      duties=["在门诊大厅引导患者挂号、就诊", "协助老年人使用自助机", "维护候诊秩序"]),
    # ---- outdoor and misc
    T("flowers", ["花卉种植工", "苗圃工人", "园林绿化工"], ["flowers", "landscape"], 10, (2300, 3600), [44, 48],
      [["green.plant"], ["agri.plant"], ["green.maintain"], []], ["green.maintain", "agri.plant"],
      ["outdoor", "lifting_heavy"], ["standing_long", "walking_long"], {"transport": 0.3, "flexible_hours": 0.3},
      max_age=(55, 60, None), site="own", headcount=(2, 6),
      duties=["负责花卉育苗、上盆、浇水施肥", "苗木修剪和日常养护", "配合完成园林绿化工程", "旺季可能加班，另计加班费"]),
    T("carwash", ["洗车工", "汽车美容学徒"], ["carwash", "sheltered"], 5, (2400, 3600), [44, 48], [[]],
      ["drive.car"], ["standing_long", "outdoor"], ["lifting_heavy"], {"job_coach": 0.4, "sign_language": 0.4},
      min_age=(16, 18), max_age=(45,), site="own", headcount=(1, 3),
      duties=["负责车辆外观清洗和内饰清洁", "学习打蜡、镀膜等美容项目", "无经验可培训"]),
    T("hotel", ["客房服务员", "布草房洗涤工", "宾馆前台"], ["hotel"], 8, (2600, 3600), [44, 48],
      [["house.keeping"], ["clean.commercial"], ["office.reception"]], ["clean.basic"], ["standing_long"],
      ["lifting_heavy", "walking_long", "speaking"], {"sign_language": 0.2}, min_age=(18,), max_age=(45, 50),
      site="own", headcount=(1, 4),
      duties=["负责客房清扫、更换布草", "补充客房用品，检查设施", "布草洗涤、烘干和折叠", "办理入住退房"],
      extra=["包吃住"]),
    T("driver", ["网约车司机", "配送货车司机"], ["ride", "warehouse"], 5, (4500, 6000), [56, 48],
      [["drive.ridehail", "cert.driver_c1"], ["drive.truck", "cert.driver_b2"]], ["lang.sichuan"],
      ["driving", "speaking"], ["night_shift", "lifting_heavy"], {"flexible_hours": 0.6}, min_age=(22,),
      max_age=(55,), headcount=(2, 5),
      duties=["公司提供车辆，驾驶网约车接送乘客", "负责门店之间货物配送", "驾龄3年以上，无重大事故记录"]),
    T("phone_repair", ["手机维修学徒", "电子产品维修员"], ["repair"], 3, (2500, 4500), [44],
      [["it.phone_repair"], []], ["trade.appliance", "it.support"], ["fine_motor", "fine_vision"], [],
      {"seated_work": 1.0, "step_free_access": 0.6, "accessible_toilet": 0.5, "sign_language": 0.3},
      min_age=(16, 18), max_age=(40,), edu=("junior",),
      duties=["手机换屏、换电池等常见维修", "师傅带教，学徒期有补贴", "负责门店手机贴膜、配件销售"]),
    T("sheltered", ["助残车间包装工", "庇护性就业辅助工"], ["sheltered", "dpf"], 6, (1800, 2600), [30, 24, 40],
      [[]], ["log.pack", "craft.hand"], ["fine_motor"], [],
      {"job_coach": 1.0, "seated_work": 1.0, "step_free_access": 0.9, "accessible_toilet": 0.9,
       "rest_breaks": 1.0, "part_time": 0.5, "quiet_workspace": 0.5, "sign_language": 0.4, "transport": 0.5},
      min_age=(16,), site="own", headcount=(3, 10),
      duties=["在辅助性就业车间从事简单包装、贴标和组装", "工作内容简单，反复练习即可上手", "工作节奏适中",
              "残疾人优先"]),
]

ACC_PHRASES = {
    "step_free_access": ["工作场所有无障碍通道，轮椅可进出", "一楼办公，无台阶", "有坡道和无障碍电梯"],
    "accessible_toilet": ["设有无障碍卫生间", "有无障碍厕位"],
    "sign_language": ["有会手语的同事，工作指令同时以书面方式下达", "欢迎听障人士，主管会基础手语", "可用手语和文字沟通"],
    "screen_reader": ["工作电脑及手机已安装读屏软件", "工作系统支持读屏操作，欢迎视障人士"],
    "large_print": ["可提供大字版资料和放大设备", "显示器可放大字号"],
    "flexible_hours": ["上下班时间可弹性安排", "工作时间灵活，可请假复诊", "弹性工时"],
    "part_time": ["可做半天班或非全日制", "接受兼职，每周不少于20小时即可"],
    "remote_work": ["在家即可办公"],
    "seated_work": ["可坐姿工作", "全程坐着工作", "提供座椅，可坐着上班"],
    "adapted_workstation": ["可按个人情况调整工位", "可适配桌椅和辅助工具"],
    "quiet_workspace": ["工作环境安静", "环境安静，打扰少"],
    "job_coach": ["配有就业辅导员现场带教", "就业辅导员陪同上岗，支持心智障碍人士就业"],
    "rest_breaks": ["可随时短暂休息", "工作中可适当休息"],
    "transport": ["提供班车或交通补贴", "每月交通补贴200元"],
}
PW_PHRASES = ["本岗位为公益性岗位，优先安置零就业家庭和低保家庭成员。", "公益性岗位，由政府给予岗位补贴，优先录用辖区建档困难群众。",
              "属公益性岗位，零就业家庭成员、低保对象优先。", "政府购买公益性岗位，签订劳动合同，缴纳社会保险。"]
BENEFITS = ["缴纳五险", "购买意外险", "节日福利", "工资按月足额发放", "提供工装", "全勤奖", "带薪年假", "做六休一",
            "月休4天", "包工作餐", "试用期一个月", "表现优秀可转正"]
SCHEDULES = {30: ["每天6小时，早9点到下午3点", "每周五天、每天6小时", "上午班或下午班可选"],
             24: ["每周工作3天", "每天4小时左右", "半天班"],
             36: ["早班7:00-13:00，每周六天", "每天6小时，两班轮换"],
             40: ["朝九晚五，双休", "每周五天，每天8小时", "8:30-17:30，中午休息1小时", "早8点至下午4点，周末轮休"],
             42: ["每天7小时，做六休一", "白班，周末轮休"],
             44: ["每周五天半", "做六休一，每天7.5小时", "两班倒，每周44小时"],
             48: ["做六休一，每天8小时", "每天8小时，月休4天", "两班轮换，每周48小时"],
             56: ["每天8小时，做七休一（含加班费）", "早晚班轮换，月休4天", "长白班，月休4天"]}


def skill_zh(code):
    return SKILLS[code]["name_zh"]


def describe(t, p, employer):
    duties = R.sample(t["duties"], k=min(len(t["duties"]), R.randint(2, 3)))
    reqs = []
    if p.get("minAge") and p.get("maxAge"):
        reqs.append(f"年龄{p['minAge']}至{p['maxAge']}周岁")
    elif p.get("maxAge"):
        reqs.append(f"年龄{p['maxAge']}周岁以下" if R.random() < 0.5 else f"{p['maxAge']}岁以内")
    elif p.get("minAge"):
        reqs.append(f"年满{p['minAge']}周岁")
    if p.get("minEducation"):
        reqs.append(f"{EDU_ZH[p['minEducation']]}及以上学历")
    for c in p["requiredSkills"]:
        k = SKILLS[c]["kind"]
        reqs.append(f"持{skill_zh(c)}" if k == "certificate" else R.choice([f"会{skill_zh(c)}", f"有{skill_zh(c)}经验", f"具备{skill_zh(c)}基础"]))
    if p["preferredSkills"]:
        reqs.append("、".join(skill_zh(c) for c in p["preferredSkills"]) + R.choice(["者优先", "优先考虑", "经验优先"]))
    if not p["requiredSkills"] and R.random() < 0.6:
        reqs.append(R.choice(["无经验可培训", "零基础可学", "不限经验，岗前培训"]))
    reqs.append(R.choice(["吃苦耐劳", "身体健康", "工作认真负责", "为人踏实", "有责任心", "服从安排"]))
    acc = [R.choice(ACC_PHRASES[a]) for a in p["accommodations"] if a != "remote_work" or R.random() < 0.5]
    benefits = R.sample(BENEFITS, k=R.randint(1, 3)) + ([R.choice(t["extra"])] if t["extra"] and R.random() < 0.6 else [])
    hours = p["hoursPerWeek"]
    sched = R.choice(SCHEDULES.get(hours, [f"每周约{hours}小时"]))
    if p.get("remote"):
        sched = R.choice(["居家办公，" + sched, sched + "，在家上班"])
    wage = p["monthlyWage"]
    pay = R.choice([f"月薪{wage}元", f"综合月收入约{wage}元", f"{wage - R.choice([200, 300, 500])}-{wage + R.choice([300, 500, 800])}元/月",
                    f"底薪{wage}元"])
    pw = R.choice(PW_PHRASES) if p.get("publicWelfare") else ""
    style = R.randrange(5)
    if style == 0:
        text = (f"{pw}【岗位职责】" + "；".join(duties) + "。【任职要求】" + "，".join(reqs) + "。【薪资待遇】" + pay + "，"
                + "，".join(benefits) + "。【工作时间】" + sched + "。" + ("【工作环境】" + "，".join(acc) + "。" if acc else ""))
    elif style == 1:
        items = duties + reqs[:2]
        text = ("岗位职责：" + " ".join(f"{i + 1}.{d}；" for i, d in enumerate(items)) + f"待遇：{pay}，" + "、".join(benefits)
                + "。" + (" " + "；".join(acc) + "。" if acc else "") + f" 工作时间：{sched}。" + pw)
    elif style == 2:
        text = (f"{employer['name']}因业务需要招聘{p['title']}{p['headcount']}名。" + "，".join(duties) + "。要求" + "，".join(reqs)
                + f"。{pay}，{sched}，" + "，".join(benefits) + "。" + ("".join(a + "。" for a in acc)) + pw)
    elif style == 3:
        text = (R.choice(["急招！", "长期招聘，", "诚聘："] + ([] if p.get("remote") else ["就近上班，"])) + f"{p['title']}，{pay}。" + "，".join(duties[:2]) + "。"
                + "，".join(reqs) + "。" + ("，".join(acc) + "。" if acc else "") + f"{sched}。" + pw)
    else:
        text = (pw + "工作内容：" + "，".join(duties) + "。" + f"{sched}，{pay}，" + "、".join(benefits) + "。"
                + ("我们" + "，".join(acc) + "。" if acc else "") + "应聘条件：" + "，".join(reqs) + "。")
    return text.replace("。。", "。").replace("，。", "。").strip()


def valid_until(i):
    r = R.random()
    if r < 0.35:
        return None
    start, end = dt.date(2026, 11, 24), dt.date(2027, 12, 31)
    return (start + dt.timedelta(days=R.randint(0, (end - start).days))).isoformat()


def build_positions():
    positions = []
    for t in TEMPLATES:
        emps = employers_of(t["kinds"])
        if not emps:
            raise SystemExit(f"no employer for template {t['key']}")
        for k in range(t["n"]):
            e = emps[k % len(emps)] if k < len(emps) else R.choice(emps)
            title = R.choice(t["titles"])
            hours = R.choice(t["hours"])
            acc = [a for a, prob in t["acc"].items() if R.random() < prob]
            if hours <= 30 and "part_time" not in acc:
                acc.append("part_time")
            if t["remote"]:
                acc = ["remote_work"] + [a for a in acc if a != "remote_work"]
            wage = R.randrange(t["wage"][0], t["wage"][1] + 1, 50)
            if hours <= 30:
                wage = max(1800, round(wage * hours / 40 / 50) * 50)
            p = {"id": f"P-{len(positions) + 1:04d}", "title": title, "employerId": e["id"]}
            hc = R.randint(*t["headcount"])
            p.update({"description": "", "publicWelfare": t["pw"], "headcount": hc, "filled": R.choice([0, 0, 0, R.randrange(hc)]),
                      "monthlyWage": wage, "hoursPerWeek": hours, "remote": t["remote"]})
            if not t["remote"] or R.random() < 0.4:
                if t["site"] == "own":
                    st = e["street"] if R.random() < 0.8 or e["publicSector"] else wpick(POS_WEIGHT)
                elif t["site"] == "any":
                    st = wpick(POS_WEIGHT)
                else:
                    st = e["street"] if R.random() < 0.5 else wpick(POS_WEIGHT)
                p["location"] = location(st, "compound" if e["kind"] == "property" else "site")
            p["requiredSkills"] = check(R.choice(t["req"]), SKILLS)
            pool = [s for s in t["pref"] if s not in p["requiredSkills"]]
            p["preferredSkills"] = check(R.sample(pool, k=min(len(pool), R.randint(0, 2))), SKILLS)
            p["accommodations"] = check(acc, ACCOMMODATIONS)
            demands = t["demands"] + [d for d in t["opt_demands"] if R.random() < 0.35]
            if "seated_work" in acc:  # a seated job does not also demand standing most of a shift
                demands = [d for d in demands if d != "standing_long"]
            p["demands"] = check(demands, DEMANDS)
            for field, opts in (("minAge", t["min_age"]), ("maxAge", t["max_age"])):
                v = R.choice(opts)
                if v is not None:
                    p[field] = v
            edu = R.choice(t["edu"])
            if edu:
                p["minEducation"] = edu
            vu = valid_until(len(positions))
            if vu:
                p["validUntil"] = vu
            p["status"] = "open"
            p["description"] = describe(t, p, e)
            positions.append(p)
    # A few already expired, a few closed, a few full: spread by a fixed shuffle.
    order = list(range(len(positions)))
    R.shuffle(order)
    for i in order[:12]:
        positions[i]["validUntil"] = (dt.date(2026, 10, 1) + dt.timedelta(days=R.randint(0, 53))).isoformat()
    for i in order[12:22]:
        positions[i]["status"] = "closed"
    for i in order[22:34]:
        positions[i]["filled"] = positions[i]["headcount"]
    return positions


# ---------------------------------------------------------------- people
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严向汤")
SURNAME_W = [30, 28, 26, 22, 20, 16, 12, 10, 10, 9, 9, 8, 8, 7, 7, 7, 8, 6, 8, 9, 5, 5, 7, 4, 8, 5, 4, 5, 9, 4, 7,
             6, 5, 4] + [3] * 200
GIVEN = {
    ("m", "old"): ["建国", "建华", "国强", "志强", "德明", "永福", "文华", "光荣", "学军", "红兵", "树林", "长青", "金福", "德贵",
                   "明", "华", "军", "勇", "平", "强", "刚", "伟", "成", "斌", "兵", "清", "富贵", "建平", "国平", "世林"],
    ("f", "old"): ["秀英", "桂英", "秀兰", "玉兰", "淑芬", "桂芳", "素华", "凤英", "玉珍", "翠华", "秀珍", "琼", "英", "兰", "芳",
                   "霞", "萍", "蓉", "淑华", "德琼", "素芬", "玉梅", "小琴", "丽华", "红梅", "建英", "桂兰", "春兰"],
    ("m", "mid"): ["伟", "磊", "涛", "勇", "波", "鹏", "杰", "斌", "亮", "超", "俊", "军", "海", "浩", "峰", "刚", "林", "明亮",
                   "建军", "小平", "志刚", "海波", "红军", "晓东", "国华", "永刚", "德华", "春林", "文斌", "小兵"],
    ("f", "mid"): ["丽", "敏", "静", "艳", "燕", "娟", "霞", "玲", "芳", "婷", "莉", "琳", "红", "洁", "梅", "晓燕", "小红",
                   "丽萍", "春梅", "秀琼", "雪梅", "海燕", "晓红", "丽娟", "小琼", "文静", "玉婷", "明霞"],
    ("m", "young"): ["浩然", "子豪", "宇航", "俊杰", "鑫", "宇", "杰", "浩", "鹏飞", "家豪", "明轩", "子涵", "博文", "梓轩",
                     "皓", "一帆", "天佑", "思远", "嘉诚", "志鹏", "俊宇", "昊天", "瑞", "逸飞"],
    ("f", "young"): ["欣怡", "雨涵", "梓涵", "诗琪", "佳怡", "思雨", "子萱", "雪", "颖", "晨曦", "婉婷", "雨欣", "可馨", "心怡",
                     "佳琪", "梦瑶", "若曦", "紫涵", "静怡", "语嫣", "欣妍", "芷若", "雅琪", "悦"],
}


def fake_name(sex, age):
    sur = R.choices(SURNAMES, weights=SURNAME_W[:len(SURNAMES)])[0]
    cohort = "old" if age >= 50 else ("mid" if age >= 30 else "young")
    return sur + R.choice(GIVEN[(sex, cohort)])


USED_IDS = set()


def fake_id(age, sex):
    """A made-up 18-digit resident ID: 510104 + birth date consistent with age on AS_OF + order code + check."""
    latest = AS_OF.replace(year=AS_OF.year - age)
    earliest = AS_OF.replace(year=AS_OF.year - age - 1) + dt.timedelta(days=1)
    while True:
        birth = earliest + dt.timedelta(days=R.randint(0, (latest - earliest).days))
        seq = R.randint(0, 99) * 10 + R.randint(0, 4) * 2 + (1 if sex == "m" else 0)
        first17 = f"510104{birth:%Y%m%d}{seq:03d}"
        n = first17 + ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]
        if n not in USED_IDS:
            USED_IDS.add(n)
            return n


# Skill profiles (what a person has done), weighted.
PROFILES = {
    "cleaning": (22, ["clean.basic", "clean.street", "clean.commercial", "clean.sanitize", "house.keeping"]),
    "catering": (14, ["food.helper", "food.dish", "food.prep", "food.cook", "food.serve", "cert.health", "food.pastry"]),
    "security": (9, ["sec.guard", "sec.patrol", "cert.security", "prop.parking", "sec.fire"]),
    "logistics": (8, ["log.warehouse", "log.pack", "log.loading", "log.courier", "drive.ebike", "food.delivery"]),
    "retail": (8, ["retail.cashier", "retail.stock", "retail.sales", "cs.face"]),
    "care": (10, ["care.elder", "care.hygiene", "care.patient", "house.keeping", "house.cook", "care.infant"]),
    "sewing": (6, ["mfg.sewing", "mfg.garment", "craft.embroidery", "craft.hand"]),
    "office": (6, ["office.computer", "office.typing", "office.data", "office.excel", "cs.online", "office.archive"]),
    "green": (5, ["green.maintain", "green.plant", "agri.plant", "clean.street"]),
    "trades": (5, ["trade.brick", "trade.paint", "trade.elec", "trade.plumb", "prop.repair", "trade.tile", "log.loading"]),
    "community": (4, ["comm.assist", "comm.grid", "comm.traffic", "office.computer", "cs.face"]),
    "driving": (3, ["drive.car", "cert.driver_c1", "drive.ridehail", "log.courier"]),
}


def pick_skills(profile, n, extra=()):
    pool = PROFILES[profile][1]
    codes = list(dict.fromkeys(list(extra) + R.sample(pool, k=min(n, len(pool)))))[:4]
    return [{"code": c, "level": R.choices([1, 2, 3], weights=[45, 40, 15])[0]} for c in check(codes, SKILLS)]


def pick_age(extreme=False):
    bracket = R.choices([(16, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 68)], weights=[7, 12, 22, 33, 24, 2])[0]
    if extreme:
        bracket = R.choice([(30, 50), (50, 64)])
    return R.randint(*bracket)


def pick_education(age):
    if age >= 55:
        w = [12, 34, 36, 13, 4, 1, 0]
    elif age >= 40:
        w = [4, 22, 44, 17, 9, 3, 1]
    elif age >= 25:
        w = [2, 8, 36, 20, 20, 10, 4]
    else:
        w = [1, 3, 34, 26, 26, 8, 2]
    return R.choices(EDUCATION, weights=w)[0]


def disability_profile(kind, grade):
    """limits, needs, remote preference, typical skill extras for a certificate."""
    if kind == "physical":
        if grade <= 2:  # wheelchair user
            return (["standing_long", "walking_long", "lifting_heavy", "climbing"],
                    ["step_free_access", "accessible_toilet"] + (["seated_work"] if R.random() < 0.4 else []),
                    R.random() < 0.6, "office")
        return (["lifting_heavy", "climbing"] + (["walking_long"] if R.random() < 0.5 else []),
                ["seated_work"] if R.random() < 0.4 else [], R.random() < 0.2, R.choice(["sewing", "office", "retail"]))
    if kind == "visual":
        if grade <= 2:  # blind
            return (["fine_vision", "reading_writing", "driving", "color_vision"], ["screen_reader"],
                    R.random() < 0.7, "massage")
        return (["fine_vision", "driving"], ["large_print"] if R.random() < 0.45 else [], R.random() < 0.2,
                R.choice(["cleaning", "catering", "care"]))
    if kind == "hearing":
        return (["hearing"] + (["speaking"] if grade <= 2 else []), ["sign_language"], R.random() < 0.15,
                R.choice(["sewing", "logistics", "catering", "cleaning", "office"]))
    if kind == "speech":
        return (["speaking"], ["sign_language"] if R.random() < 0.3 else [], R.random() < 0.2,
                R.choice(["logistics", "cleaning", "sewing"]))
    if kind == "intellectual":
        return (["reading_writing", "computer_use", "driving", "night_shift"], ["job_coach"] if R.random() < 0.6 else [],
                False, R.choice(["cleaning", "logistics", "catering"]))
    if kind == "mental":
        return (["night_shift", "driving"], R.sample(["quiet_workspace", "flexible_hours", "rest_breaks"], k=1)
                if R.random() < 0.6 else [], R.random() < 0.3, R.choice(["sewing", "office", "cleaning", "green"]))
    # multiple: e.g. hearing and limb
    return (["hearing", "lifting_heavy", "climbing", "walking_long"], ["sign_language"], R.random() < 0.3,
            R.choice(["sewing", "office"]))


def build_person(pid, hh, extreme, force_capacity=None):
    age = pick_age(extreme)
    sex = R.choice("mf")
    p = {"id": pid, "name": fake_name(sex, age)}
    if R.random() < 0.9:
        p["idNumber"] = fake_id(age, sex)
    p["age"] = age
    disabled = R.random() < (0.35 if extreme else 0.135)
    dis = None
    if disabled:
        kind = R.choices(["physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"],
                         weights=[38, 16, 18, 4, 10, 9, 5])[0]
        grade = R.choices([1, 2, 3, 4], weights=[12, 28, 32, 28])[0]
        dis = {"type": kind, "grade": grade}
    # labour capacity
    if force_capacity:
        cap = force_capacity
    elif dis and dis["grade"] == 1:
        cap = R.choices(["partial", "none"], weights=[55, 45])[0]
    elif dis:
        cap = R.choices(["full", "partial", "none"], weights=[40, 52, 8])[0]
    elif "illness" in hh["causes"]:
        cap = R.choices(["full", "partial", "none"], weights=[70, 21, 9])[0]
    else:
        cap = R.choices(["full", "partial", "none"], weights=[85, 12, 3])[0]
    if age >= 65 and cap == "full":
        cap = "partial"
    p["laborCapacity"] = cap
    p["employed"] = False
    p["education"] = pick_education(age)
    limits, needs, remote, profile = [], [], False, None
    if dis:
        limits, needs, remote, profile = disability_profile(dis["type"], dis["grade"])
        if profile == "massage":
            skills = [{"code": "beauty.massage", "level": R.choice([1, 2, 3])}]
            if R.random() < 0.6:
                skills.append({"code": "cert.massage", "level": R.choice([2, 3])})
            if R.random() < 0.4:
                skills.append({"code": "cs.phone", "level": R.choice([1, 2])})
        else:
            extra = ["lang.sign"] if dis["type"] in ("hearing", "multiple") else []
            skills = pick_skills(profile, R.randint(1, 3), extra)
    else:
        profile = R.choices(list(PROFILES), weights=[PROFILES[k][0] for k in PROFILES])[0]
        if profile == "office" and EDUCATION.index(p["education"]) < 2:
            profile = "cleaning"
        skills = pick_skills(profile, R.randint(1, 3))
        if R.random() < 0.15:
            skills.append({"code": "lang.sichuan", "level": 3})
        if cap == "partial" or ("illness" in hh["causes"] and R.random() < 0.3):
            limits = R.sample(["lifting_heavy", "night_shift", "standing_long", "walking_long", "climbing"], k=R.randint(1, 2))
            if R.random() < 0.2:
                needs = [R.choice(["flexible_hours", "rest_breaks"])]
    p["skills"] = skills[:4]
    if dis:
        p["disability"] = dis
    if limits:
        p["limits"] = check(sorted(set(limits), key=limits.index), DEMANDS)
    if needs:
        p["needs"] = check(needs, ACCOMMODATIONS)
    if remote or (not dis and R.random() < 0.04):
        p["prefersRemote"] = True
    if dis or cap == "partial":
        p["maxCommuteKm"] = R.choice([3, 4, 5, 5, 6, 8])
    else:
        p["maxCommuteKm"] = R.choice([3, 5, 5, 6, 8, 8, 10, 10, 12, 15])
    if cap == "partial":
        p["maxHoursPerWeek"] = R.choice([20, 24, 30, 30, 36])
    elif R.random() < 0.12:
        p["maxHoursPerWeek"] = R.choice([40, 44])
    if R.random() < 0.45:
        base = 2000 + 250 * sum(s["level"] for s in p["skills"]) + 150 * EDUCATION.index(p["education"])
        if cap == "partial":
            base *= 0.7
        p["desiredWage"] = max(1800, min(6000, int(round(base / 100.0)) * 100))
    return p


# First causes as exact counts for 700 households (shares close to Kundulun's: illness 55.1%,
# lack of skills 33.2%, old age 9.4%, schooling 2.3%), plus a few others.
CAUSE_FIRST = {"illness": 378, "lack_skills": 226, "elderly": 63, "education": 15, "disability": 9, "lack_labor": 5,
               "unemployment": 3, "disaster": 1}
FIRST_OK = {"expenditure": ("illness", "education", "disability"),
            "extreme": ("illness", "disability", "lack_labor", "elderly")}
CAUSE_SECOND = {"disability": 20, "lack_labor": 20, "unemployment": 15, "lack_skills": 15, "illness": 15,
                "education": 10, "disaster": 5}


def build_households(n_households=700):
    households = []
    cats = (["dibao"] * 585 + ["dibao_edge"] * 18 + ["expenditure"] * 90 + ["extreme"] * 7)
    R.shuffle(cats)
    pool = [c for c, n in CAUSE_FIRST.items() for _ in range(n)]
    R.shuffle(pool)
    first_causes = [None] * n_households
    for i in sorted(range(n_households), key=lambda i: cats[i] not in FIRST_OK):  # constrained ones first
        ok = FIRST_OK.get(cats[i])
        j = next(j for j, c in enumerate(pool) if ok is None or c in ok)
        first_causes[i] = pool.pop(j)
    person_no = 0
    for i in range(n_households):
        cat = cats[i]
        first = first_causes[i]
        if cat == "extreme":
            causes = [first, R.choice([c for c in ("lack_labor", "disability", "illness") if c != first])]
        else:
            causes = [first]
            if R.random() < 0.38:
                second = R.choices(list(CAUSE_SECOND), weights=list(CAUSE_SECOND.values()))[0]
                if second != first:
                    causes.append(second)
        hh = {"id": f"H-{i + 1:04d}", "category": cat, "causes": causes}
        street = wpick(HH_WEIGHT)
        n_members = R.choices([1, 2, 3], weights=[60, 35, 5])[0]
        if cat == "extreme":
            n_members = 1
        members = []
        for _ in range(n_members):
            person_no += 1
            members.append(build_person(f"S-{person_no:04d}", hh, cat == "extreme",
                                        "none" if cat == "extreme" else None))
        if any(m.get("disability") for m in members) and "disability" not in causes and len(causes) < 2:
            causes.append("disability")
        # employment: concentrated in some households, many zero-employment households
        able = [m for m in members if m["laborCapacity"] != "none"]
        employed_any = False
        if able and cat != "extreme" and R.random() < (0.25 if len(members) > 1 else 0.125):
            R.choice(able)["employed"] = True
            employed_any = True
        extra = R.choices([0, 1, 2, 3], weights=[35, 35, 20, 10])[0]
        if cat == "extreme":
            extra = 0
        if employed_any and cat == "dibao":
            extra = max(extra, 3 - len(members))
        size = len(members) + extra
        if cat == "dibao":
            per_head = R.choice([0, R.uniform(150, 980), R.uniform(300, 980), R.uniform(500, 990)])
            if employed_any:
                per_head = R.uniform(600, 990)
        elif cat == "dibao_edge":
            per_head = R.uniform(1010, 1490)
        elif cat == "expenditure":
            per_head = R.uniform(1520, 2600)
        else:
            per_head = 0
        income = int(per_head * size) // 10 * 10
        # keep the category honest after rounding
        if cat == "dibao_edge" and income < DIBAO_LINE * size:
            income = DIBAO_LINE * size
        if cat == "expenditure" and income <= EDGE_LINE * size:
            income = EDGE_LINE * size + 10
        hh["size"] = size
        hh["monthlyIncome"] = income
        hh["location"] = location(street, "home")
        hh["members"] = members
        households.append(hh)
    return households



# ---------------------------------------------------------------- courses
# Training courses (技能培训) of the district's providers: what the job bank asks for (cleaning,
# security, catering, care, e-commerce customer service, data entry, trades with their licences),
# mostly subsidised for registered households, some in accessible rooms for disabled learners,
# some online, a few ordered by an employer for its own positions (订单培训). Drawn after every
# other record, so adding them changed nothing else in the file.
PROVIDERS = {
    "center": ("锦江区职业技能培训中心", ["书院街街道", "牛市口街道"]),
    "disabled": ("成都市残疾人职业培训基地", ["沙河街道", "牛市口街道"]),
    "college": ("锦江区社区学院", ["春熙路街道", "锦官驿街道"]),
    "housekeeping": ("四川省家政服务培训学校", ["书院街街道", "狮子山街道"]),
    "tech": ("天府技师学院锦江教学点", ["成龙路街道", "柳江街道"]),
    "cooking": ("蜀味烹饪职业培训学校", ["春熙路街道", "锦华路街道"]),
    "security": ("蓉安保安培训中心", ["东湖街道", "沙河街道"]),
}

# key, title, provider, skills [(code, level)], hours a week, weeks, seats, accommodations, options
COURSE_TEMPLATES = [
    ("clean", "保洁员（初级）技能培训", "housekeeping", [("clean.basic", 2), ("clean.sanitize", 1)], 20, 4, (20, 40), [], {}),
    ("street", "城市道路保洁与垃圾分类实务", "center", [("clean.street", 2), ("clean.basic", 1)], 15, 3, (20, 40), ["flexible_hours"], {"maxAge": 60}),
    ("guard", "保安员岗前培训（持证）", "security", [("sec.guard", 2), ("cert.security", 1)], 30, 4, (25, 50), [], {"maxAge": 55, "minEducation": "junior"}),
    ("fire", "消防设施操作员培训", "security", [("sec.fire", 2), ("cert.fire", 1)], 20, 6, (20, 30), [], {"minEducation": "junior", "maxAge": 55}),
    ("parking", "停车场管理与交通协管实务", "college", [("prop.parking", 1), ("comm.traffic", 1)], 15, 2, (15, 30), [], {"maxAge": 60}),
    ("kitchen", "中式面点与厨房帮工", "cooking", [("food.prep", 2), ("food.pastry", 1), ("cert.health", 1)], 25, 6, (15, 25), [], {}),
    ("cook", "中式烹调师（初级）", "cooking", [("food.cook", 2), ("cert.health", 1)], 30, 8, (15, 25), [], {"minEducation": "primary"}),
    ("elder", "养老护理员（初级）", "center", [("care.elder", 2), ("cert.eldercare", 1), ("care.hygiene", 1)], 20, 6, (20, 40), [], {"maxAge": 55}),
    ("patient", "医院护工与病患陪护", "housekeeping", [("care.patient", 2), ("care.hygiene", 1)], 20, 4, (20, 30), [], {"maxAge": 55}),
    ("infant", "育婴员培训", "housekeeping", [("care.infant", 2), ("cert.childcare", 1)], 20, 6, (15, 25), [], {"maxAge": 50, "minEducation": "junior"}),
    ("housekeeping", "家政服务员（整理收纳与家庭烹饪）", "housekeeping", [("house.keeping", 2), ("house.cook", 1)], 20, 4, (20, 30), [], {}),
    ("cs", "网店客服与电商运营（居家就业）", "disabled", [("cs.online", 2), ("retail.ecom", 1), ("office.typing", 1)], 15, 8, (20, 40),
     ["screen_reader", "large_print", "flexible_hours"], {"remote": True, "minEducation": "junior"}),
    ("phone", "电话客服话务员", "college", [("cs.phone", 2), ("office.computer", 1)], 15, 4, (20, 30), ["flexible_hours"], {"remote": True, "minEducation": "junior"}),
    ("data", "数据录入与办公软件（无障碍教室）", "disabled", [("office.data", 2), ("office.excel", 1), ("office.computer", 1)], 15, 8, (12, 20),
     ["step_free_access", "accessible_toilet", "seated_work", "adapted_workstation", "screen_reader"], {"minEducation": "junior"}),
    ("computer", "计算机基础与中文录入", "college", [("office.computer", 1), ("office.typing", 1)], 10, 6, (20, 40), ["step_free_access", "large_print"], {}),
    ("massage", "盲人保健按摩", "disabled", [("beauty.massage", 2), ("cert.massage", 1)], 20, 12, (10, 20),
     ["step_free_access", "accessible_toilet", "screen_reader", "job_coach"], {}),
    ("sewing", "缝纫工与服装加工", "tech", [("mfg.sewing", 2), ("mfg.garment", 1)], 25, 6, (15, 25), ["seated_work", "step_free_access"], {}),
    ("embroidery", "蜀绣与手工编织", "disabled", [("craft.embroidery", 2), ("craft.hand", 1)], 12, 10, (10, 20),
     ["seated_work", "step_free_access", "accessible_toilet", "quiet_workspace", "rest_breaks"], {}),
    ("elec", "低压电工作业（特种作业操作证）", "tech", [("trade.elec", 2), ("cert.electrician", 1)], 30, 8, (15, 30), [], {"minEducation": "junior", "maxAge": 55}),
    ("forklift", "叉车司机（特种设备作业证）", "tech", [("log.forklift", 2), ("cert.forklift", 1)], 30, 3, (15, 25), [], {"minEducation": "junior", "maxAge": 55}),
    ("warehouse", "仓储物流与快递分拣", "center", [("log.warehouse", 2), ("log.pack", 1), ("log.courier", 1)], 20, 3, (20, 40), [], {"maxAge": 55}),
    ("cashier", "超市收银与理货", "college", [("retail.cashier", 2), ("retail.stock", 1)], 15, 3, (20, 30), [], {}),
    ("live", "短视频与直播带货入门", "college", [("media.live", 1), ("media.video", 1), ("retail.ecom", 1)], 10, 6, (20, 40), ["flexible_hours"], {"remote": True, "minEducation": "junior", "maxAge": 50}),
    ("green", "园林绿化养护工", "center", [("green.maintain", 2), ("green.plant", 1)], 20, 3, (15, 30), [], {"maxAge": 60}),
    ("appliance", "家电维修与手机维修", "tech", [("trade.appliance", 2), ("it.phone_repair", 1)], 25, 8, (12, 20), ["seated_work"], {"minEducation": "junior"}),
    ("grid", "社区网格员与为老服务", "college", [("comm.grid", 1), ("comm.assist", 1), ("comm.social", 1)], 10, 3, (20, 40), ["step_free_access"], {"minEducation": "junior"}),
]

# Order-based: the employer's kind, the template, how many of its positions are promised.
ORDER_BASED = {"elder": 2, "guard": 2, "cs": 3, "clean": 2, "warehouse": 1}


def build_courses(positions):
    courses = []
    by_template = {}
    for key, title, prov, skills, hours, weeks, seats, acc, opts in COURSE_TEMPLATES:
        by_template[key] = (title, prov, skills, hours, weeks, seats, acc, opts)
    # Two or three runs of each course over the season (December to March), about sixty in all.
    runs = []
    for key in by_template:
        for _ in range(2 if R.random() < 0.7 else 3):
            runs.append(key)
    R.shuffle(runs)
    runs = runs[:60]
    for i, key in enumerate(sorted(runs, key=lambda k: [t[0] for t in COURSE_TEMPLATES].index(k))):
        title, prov, skills, hours, weeks, (lo, hi), acc, opts = by_template[key]
        provider, streets = PROVIDERS[prov]
        start = AS_OF + dt.timedelta(days=R.choice([-14, -7, 7, 14, 21, 28, 35, 42, 56, 70, 84, 98, 112]))
        start -= dt.timedelta(days=start.weekday())  # courses start on a Monday
        seat_count = R.randrange(lo, hi + 1, 5) if hi - lo >= 5 else hi
        full = R.random() < 0.08
        c = {"id": f"C-{i + 1:03d}", "title": title, "provider": provider,
             "skills": [{"code": code, "level": level} for code, level in skills],
             "startDate": start.isoformat(), "endDate": (start + dt.timedelta(weeks=weeks, days=-3)).isoformat(),
             "hoursPerWeek": hours, "seats": seat_count,
             "enrolled": seat_count if full else R.randrange(0, max(1, seat_count * 2 // 3))}
        if opts.get("remote"):
            c["remote"] = True
        else:
            street = R.choice(streets)
            loc = location(street, "site")
            loc["address"] = f"{loc['address']}（{provider}）"
            c["location"] = loc
        if acc:
            c["accommodations"] = list(acc)
        for k in ("maxAge", "minEducation"):
            if k in opts:
                c[k] = opts[k]
        if R.random() < 0.8:
            c["subsidized"] = True
        courses.append(c)
    # A few courses ordered by an employer for its own positions: its open posts that need what the course teaches.
    taught_by = {c["id"]: {s["code"] for s in c["skills"]} for c in courses}
    for key, n in ORDER_BASED.items():
        title = by_template[key][0]
        candidates = [c for c in courses if c["title"] == title and c["startDate"] > AS_OF.isoformat()]
        if not candidates:
            continue
        course = candidates[0]
        fitting = [p for p in positions if p.get("status", "open") == "open"
                   and set(p.get("requiredSkills", [])) and set(p.get("requiredSkills", [])) <= taught_by[course["id"]]]
        if fitting:
            employer = R.choice(sorted({p["employerId"] for p in fitting}))
            promised = sorted(p["id"] for p in fitting if p["employerId"] == employer)[:n]
            course["forPositions"] = promised
            course["title"] = title + "（订单培训）"
    return courses

# ---------------------------------------------------------------- output
def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def write(path, data):
    lines = ["{", f'  "format": {dumps(data["format"])},', f'  "region": {dumps(data["region"])},']
    keys = [k for k in ("employers", "positions", "households", "courses") if k in data]
    for key in keys:
        lines.append(f'  "{key}": [')
        lines.append(",\n".join("    " + dumps(r) for r in data[key]))
        lines.append("  ]," if key != keys[-1] else "  ]")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "demo-district.json")
    args = ap.parse_args()
    build_employers()
    positions = build_positions()
    households = build_households()
    for p in positions:  # drop defaults that say nothing, keep the records short
        for k, default in (("publicWelfare", False), ("remote", False), ("filled", 0)):
            if p.get(k) == default:
                del p[k]
        for k in ("preferredSkills", "accommodations", "requiredSkills"):
            if not p[k]:
                del p[k]
    for h in households:
        for m in h["members"]:
            if not m["employed"]:
                del m["employed"]
    data = {
        "format": "employment-dataset/1",
        "region": {"name": "成都市锦江区", "divisionCode": "510104", "dibaoLine": DIBAO_LINE, "edgeLine": EDGE_LINE},
        "employers": [{"id": e["id"], "name": e["name"], "publicSector": e["publicSector"]} for e in EMPLOYERS],
        "positions": positions,
        "households": households,
        "courses": build_courses(positions),
    }
    write(args.out, data)
    n_persons = sum(len(h["members"]) for h in households)
    print(f"wrote {args.out}: {len(EMPLOYERS)} employers, {len(positions)} positions, "
          f"{len(households)} households, {n_persons} persons, {len(data['courses'])} courses, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
